// Periodic work: expire old posts and unanswered claims, ask "still needed?" and "did this happen?",
// mail about unread messages, new reports and new posts in a network, delete ended threads and intake
// drafts nobody completed, forget old rate-limit windows; warn households before their requests time
// out, time them out, and forget households inactive for a year. Each job is written to be safe when
// several app instances run it at once
// (conditional updates, rows claimed with FOR UPDATE SKIP LOCKED), so every instance simply runs the
// schedule.
import { m } from '$lib/paraglide/messages';
import { expirePendingClaims, sendCheckIns } from './claims/lifecycle.ts';
import { notifyUnreadMessages, purgeEndedThreads } from './claims/threads.ts';
import { expireDueRequests, purgeInactiveHouseholds, warnExpiringRequests } from './households/timeouts.ts';
import { mailReportDigests } from './moderation/reports.ts';
import { deleteStaleDrafts } from './moderation/text-intake.ts';
import { expireDuePosts, sendExpiryReminders, type ReminderMail } from './posts/lifecycle.ts';
import { mailNewPostDigests } from './posts/network-mail.ts';
import { extendSeries } from './posts/series.ts';
import { releaseQueues } from './networks/intake-queue.ts';
import { pageCacheChanged } from './http/page-cache.ts';
import { outreachConfig } from './config.ts';
import { sendFollowUps } from './distributions/outreach.ts';
import { sendDistributionReminders } from './distributions/reminders.ts';
import { logger } from './log.ts';
import { countJobRun } from './metrics.ts';
import { purgeOldWindows } from './ratelimit/index.ts';

const reminderMail: ReminderMail = {
	subject: (locale) => m.mail_expiry_subject({}, { locale }),
	body: (args, locale) => m.mail_expiry_body(args, { locale }),
	text: (args, locale) => m.sms_post_still_needed(args, { locale })
};

/** Each job by the name it is logged and counted under. */
const JOBS: Record<string, (origin: string, now: Date) => Promise<unknown>> = {
	extendSeries: (origin, now) => extendSeries(origin, now),
	releaseQueues: (_origin, now) => releaseQueues(now),
	expirePosts: (_origin, now) => expireDuePosts(now),
	expiryReminders: (origin, now) => sendExpiryReminders(origin, reminderMail, now),
	expireClaims: (origin, now) => expirePendingClaims(origin, now),
	checkIns: (origin, now) => sendCheckIns(origin, now),
	unreadMessageMails: (origin, now) => notifyUnreadMessages(origin, now),
	purgeThreads: (_origin, now) => purgeEndedThreads(now),
	purgeIntakeDrafts: (_origin, now) => deleteStaleDrafts(now),
	reportDigests: (origin, now) => mailReportDigests(origin, now),
	networkPostMails: (origin, now) => mailNewPostDigests(origin, now),
	purgeRateLimits: () => purgeOldWindows(),
	distributionFollowUps: (origin, now) => sendFollowUps(origin, outreachConfig().followUpHours, now),
	distributionReminders: (_origin, now) => sendDistributionReminders(now),
	householdRequestWarnings: (_origin, now) => warnExpiringRequests(now),
	householdRequestTimeouts: (_origin, now) => expireDueRequests(now),
	purgeHouseholds: (_origin, now) => purgeInactiveHouseholds(now)
};

/** Runs every job once; one job failing is logged and counted and does not stop the others. */
export async function runScheduledJobs(origin: string, now = new Date()) {
	const results: Record<string, unknown> = {};
	for (const [name, job] of Object.entries(JOBS)) {
		try {
			results[name] = await job(origin, now);
			countJobRun(name, 'ok');
		} catch (error) {
			countJobRun(name, 'failed');
			logger.error({ err: error, job: name }, `scheduled job ${name} failed`);
		}
	}
	// Expired posts and claims leave the board; anonymous pages rendered before must not outlive them.
	pageCacheChanged();
	return results;
}

/** Runs the jobs every interval, the first time after `firstRunAfterMs`; the returned stop waits for a
 * run in progress, since shutdown closes the database pool right after it. */
export function startScheduledJobs(
	origin: string,
	{
		intervalMs = 60 * 1000,
		firstRunAfterMs = 0,
		run = runScheduledJobs
	}: { intervalMs?: number; firstRunAfterMs?: number; run?: (origin: string) => Promise<unknown> } = {}
) {
	let running: Promise<unknown> | undefined;
	let stopped = false;
	const tick = () => {
		if (running || stopped) return;
		running = run(origin)
			.catch((error) => logger.error({ err: error }, 'scheduled jobs failed'))
			.finally(() => (running = undefined));
	};
	const timer = setInterval(tick, intervalMs);
	const first = setTimeout(tick, firstRunAfterMs);
	return async () => {
		stopped = true;
		clearInterval(timer);
		clearTimeout(first);
		await running;
	};
}
