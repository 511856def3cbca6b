// Periodic work: expire old posts and unanswered claims, ask "still needed?" and "did this happen?",
// mail about unread messages, new reports and new posts in a network, delete ended threads, forget old
// rate-limit windows. Each job is written to be safe when several app instances run it at once
// (conditional updates, rows claimed with FOR UPDATE SKIP LOCKED), so every instance simply runs the
// schedule.
import { m } from '$lib/paraglide/messages';
import { expirePendingClaims, sendCheckIns } from './claims/lifecycle.ts';
import { notifyUnreadMessages, purgeEndedThreads } from './claims/threads.ts';
import { mailReportDigests } from './moderation/reports.ts';
import { expireDuePosts, sendExpiryReminders, type ReminderMail } from './posts/lifecycle.ts';
import { mailNewPostDigests } from './posts/network-mail.ts';
import { extendSeries } from './posts/series.ts';
import { releaseQueues } from './networks/intake-queue.ts';
import { pageCacheChanged } from './http/page-cache.ts';
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
	reportDigests: (origin, now) => mailReportDigests(origin, now),
	networkPostMails: (origin, now) => mailNewPostDigests(origin, now),
	purgeRateLimits: () => purgeOldWindows()
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

export function startScheduledJobs(origin: string, intervalMs = 60 * 1000) {
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await runScheduledJobs(origin);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void tick(), intervalMs);
	void tick();
	return () => clearInterval(timer);
}
