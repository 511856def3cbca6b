// Starts the outbox workers for this process, one per channel: each polls the outbox, and wakes at once
// when a message of its channel is queued.
import { mailConfig } from '../config.ts';
import type { Channel } from '../db/generated/client.ts';
import { onQueued } from './outbox.ts';
import { logTransport, smtpTransport } from './transport.ts';
import { deliverDueMail, purgeSentMail } from './worker.ts';
import { logLine } from '../log.ts';

export { queueMail, queueText } from './outbox.ts';

export interface Worker {
	channel: Channel;
	/** Delivers what is due; returns how many failed. */
	deliver: () => Promise<{ failed: number }>;
	close?: () => void;
}

/** Runs a channel's deliveries one round at a time: on each poll, and when a message is queued. */
export function startWorker({ channel, deliver, close }: Worker, log: (line: string) => void = logLine) {
	const name = { MAIL: 'Mail', SMS: 'Text', PUSH: 'Push' }[channel];
	let running: Promise<unknown> | undefined;
	let again = false;
	let stopped = false;

	const run = () => {
		if (stopped) return;
		if (running) {
			again = true;
			return;
		}
		running = deliver()
			.then(({ failed }) => {
				if (failed) log(`${name} delivery failed for ${failed} message(s); they will be retried.`);
			})
			.catch((error: unknown) =>
				log(`${name} worker error: ${error instanceof Error ? error.message : error}`)
			)
			.finally(() => {
				running = undefined;
				if (again) {
					again = false;
					run();
				}
			});
	};

	onQueued(channel, run);
	const poll = setInterval(run, mailConfig().pollMs);
	run();
	return async () => {
		stopped = true;
		clearInterval(poll);
		onQueued(channel, undefined);
		await running;
		close?.();
	};
}

export function startMailWorker(log: (line: string) => void = logLine) {
	const config = mailConfig();
	const transport = config.smtpUrl ? smtpTransport(config.smtpUrl) : logTransport(log);
	if (!config.smtpUrl) log('No SMTP_URL set: mail is printed to this log instead of sent.');
	const stopWorker = startWorker(
		{
			channel: 'MAIL',
			deliver: () => deliverDueMail({ transport, from: config.from, retryBaseMs: config.retryBaseMs }),
			close: () => transport.close()
		},
		log
	);
	// Sent texts are in the same table, so this purge covers them too.
	const purge = setInterval(() => void purgeSentMail().catch(() => {}), 6 * 60 * 60 * 1000);
	return async () => {
		clearInterval(purge);
		await stopWorker();
	};
}
