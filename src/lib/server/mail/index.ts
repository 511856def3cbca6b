// Starts the mail worker for this process: polls the outbox, and wakes at once when mail is queued.
import { mailConfig } from '../config.ts';
import { onMailQueued } from './outbox.ts';
import { logTransport, smtpTransport } from './transport.ts';
import { deliverDueMail, purgeSentMail } from './worker.ts';
import { logLine } from '../log.ts';

export { queueMail } from './outbox.ts';

export function startMailWorker(log: (line: string) => void = logLine) {
	const config = mailConfig();
	const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : logTransport(log);
	if (!config.smtpUrl) log('No SMTP_URL set: mail is printed to this log instead of sent.');
	let running: Promise<unknown> | undefined;
	let again = false;
	let stopped = false;

	const run = () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = deliverDueMail({ transport, from: config.from, retryBaseMs: config.retryBaseMs })
			.then(({ failed }) => {
				if (failed) log(`Mail delivery failed for ${failed} message(s); they will be retried.`);
			})
			.catch((error: unknown) => log(`Mail worker error: ${error instanceof Error ? error.message : error}`))
			.finally(() => {
				running = undefined;
				if (again) {
					again = false;
					run();
				}
			});
	};

	onMailQueued(run);
	const poll = setInterval(run, config.pollMs);
	const purge = setInterval(() => void purgeSentMail().catch(() => {}), 6 * 60 * 60 * 1000);
	run();
	return async () => {
		stopped = true;
		clearInterval(poll);
		clearInterval(purge);
		onMailQueued(undefined);
		await running;
		transport.close();
	};
}
