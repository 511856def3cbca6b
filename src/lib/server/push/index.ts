// The push channel: its outbox worker. Each queued row is one notice to one device (push subscription),
// encrypted for that device and signed with the site's VAPID key by the web-push library.
import type { Agent } from 'node:https';
import { mailConfig, webPushConfig } from '../config.ts';
import { db } from '../db/index.ts';
import { logLine } from '../log.ts';
import { startWorker } from '../mail/index.ts';
import { deliverDue, type Sender } from '../mail/worker.ts';
import { vapidKeys, type VapidKeys } from './vapid.ts';

/** A notice no one saw within a day is stale; the mail or text said it anyway. */
const TTL_SECONDS = 24 * 60 * 60;

/** VAPID's contact for the push services: the site's sender address. */
export function vapidSubject() {
	const from = mailConfig().from;
	return `mailto:${from.match(/<([^>]+)>/)?.[1] ?? from.trim()}`;
}

/**
 * Sends a queued notice to its device. The push service answers 404 or 410 for a subscription that is
 * gone (the person revoked permission, cleared the browser, or it expired): the device is forgotten and
 * the notice dropped. Anything else is retried like a mail.
 */
export function pushSender(keys: VapidKeys, agent?: Agent): Sender {
	const subject = vapidSubject();
	return async (message) => {
		const device = await db.pushSubscription.findUnique({ where: { id: Number(message.to) } });
		if (!device) return 'drop';
		// web-push loads with the first notice rather than with every start of the app.
		const { default: webpush } = await import('web-push');
		try {
			await webpush.sendNotification(
				{ endpoint: device.endpoint, keys: { p256dh: device.p256dh, auth: device.auth } },
				message.text,
				{ vapidDetails: { subject, ...keys }, TTL: TTL_SECONDS, timeout: 15_000, agent }
			);
		} catch (error) {
			if (error instanceof webpush.WebPushError && (error.statusCode === 404 || error.statusCode === 410)) {
				await db.pushSubscription.deleteMany({ where: { id: device.id } });
				return 'drop';
			}
			throw error;
		}
	};
}

export interface PushDeliveryOptions {
	retryBaseMs: number;
	/** The tests' fake push service is trusted through its own agent. */
	agent?: Agent;
}

export async function deliverDuePush({ agent, ...options }: PushDeliveryOptions) {
	return deliverDue('PUSH', pushSender(await vapidKeys(), agent), options);
}

export function startPushWorker(log: (line: string) => void = logLine) {
	if (!webPushConfig().enabled) return async () => {};
	const { retryBaseMs } = mailConfig();
	return startWorker({ channel: 'PUSH', deliver: () => deliverDuePush({ retryBaseMs }) }, log);
}
