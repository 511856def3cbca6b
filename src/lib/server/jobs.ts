// Periodic work: expire old posts, ask posters "still needed?", forget old rate-limit windows. Each
// job is written to be safe when several app instances run it at once (conditional updates), so
// every instance simply runs the schedule.
import { m } from '$lib/paraglide/messages';
import { expireDuePosts, sendExpiryReminders } from './posts/lifecycle.ts';
import { purgeOldWindows } from './ratelimit/index.ts';

const reminderMail = {
	subject: (locale: string) => m.mail_expiry_subject({}, { locale: locale as 'en' }),
	body: (args: { title: string; url: string; days: number }, locale: string) =>
		m.mail_expiry_body(args, { locale: locale as 'en' })
};

export async function runScheduledJobs(origin: string, now = new Date()) {
	const expired = await expireDuePosts(now);
	const reminded = await sendExpiryReminders(origin, reminderMail, now);
	await purgeOldWindows();
	return { expired, reminded };
}

export function startScheduledJobs(
	origin: string,
	intervalMs = 10 * 60 * 1000,
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
