// Periodic work: expire old posts and unanswered claims, ask "still needed?" and "did this happen?",
// mail about unread messages, new reports and new posts in a network, delete ended threads, forget old rate-limit windows. Each
// job is written to be safe when several app instances run it at once (conditional updates), so
// every instance simply runs the schedule.
import { m } from '$lib/paraglide/messages';
import { expirePendingClaims, sendCheckIns } from './claims/lifecycle.ts';
import { notifyUnreadMessages, purgeEndedThreads } from './claims/threads.ts';
import { mailReportDigests } from './moderation/reports.ts';
import { expireDuePosts, sendExpiryReminders, type ReminderMail } from './posts/lifecycle.ts';
import { mailNewPostDigests } from './posts/network-mail.ts';
import { purgeOldWindows } from './ratelimit/index.ts';

const reminderMail: ReminderMail = {
	subject: (locale) => m.mail_expiry_subject({}, { locale }),
	body: (args, locale) => m.mail_expiry_body(args, { locale })
};

export async function runScheduledJobs(origin: string, now = new Date()) {
	const expired = await expireDuePosts(now);
	const reminded = await sendExpiryReminders(origin, reminderMail, now);
	const claimsExpired = await expirePendingClaims(origin, now);
	const checkIns = await sendCheckIns(origin, now);
	const messageMails = await notifyUnreadMessages(origin, now);
	const messagesPurged = await purgeEndedThreads(now);
	const reportDigests = await mailReportDigests(origin, now);
	const networkPostMails = await mailNewPostDigests(origin, now);
	await purgeOldWindows();
	return {
		expired,
		reminded,
		claimsExpired,
		checkIns,
		messageMails,
		messagesPurged,
		reportDigests,
		networkPostMails
	};
}

export function startScheduledJobs(
	origin: string,
	intervalMs = 60 * 1000,
	log: (line: string) => void = console.log
) {
	let running = false;
	const tick = async () => {
		if (running) return;
		running = true;
		try {
			await runScheduledJobs(origin);
		} catch (error) {
			log(`Scheduled jobs failed: ${error instanceof Error ? error.message : String(error)}`);
		} finally {
			running = false;
		}
	};
	const timer = setInterval(() => void tick(), intervalMs);
	void tick();
	return () => clearInterval(timer);
}
