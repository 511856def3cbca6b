// The only way the app sends mail or texts: a row in outbox_messages, written with the change that
// caused it (pass the transaction), delivered later by the channel's worker. Nothing is lost while SMTP
// or the SMS provider is down.
import type { Channel, Prisma } from '../db/generated/client.ts';
import type { Database } from '../db/index.ts';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

export interface Text {
	/** An E.164 number (sms/phone.ts makes one). */
	to: string;
	text: string;
	/** A network's own number (networks.sms_number) to send from, instead of the app's. */
	from?: string | null;
}

type Writer = Database | Prisma.TransactionClient;

const wake = new Map<Channel, () => void>();

/** Lets the channel's in-process worker deliver promptly instead of at its next poll. */
export function onQueued(channel: Channel, listener: (() => void) | undefined) {
	if (listener) wake.set(channel, listener);
	else wake.delete(channel);
}

/**
 * .invalid is reserved never to exist (RFC 6761), so mail there can only bounce. Demo people live
 * under example.invalid: skipping them here keeps reminders for thousands of demo posts out of the
 * log and the queue, while every job treats demo posts exactly like real ones.
 */
const undeliverable = (address: string) => /\.invalid$/i.test(address.trim());

async function enqueue(writer: Writer, channel: Channel, data: Prisma.OutboxMessageCreateInput) {
	await writer.outboxMessage.create({ data: { ...data, channel } });
	// Usually written inside a transaction the worker cannot see until it commits, a moment later.
	setTimeout(() => wake.get(channel)?.(), 200).unref();
}

export async function queueMail(writer: Writer, mail: Mail) {
	if (undeliverable(mail.to)) return;
	await enqueue(writer, 'MAIL', { toAddress: mail.to, subject: mail.subject, text: mail.text });
}

/** Opted-out numbers are checked when the text is sent, so a STOP that arrives meanwhile still holds. */
export async function queueText(writer: Writer, text: Text) {
	await enqueue(writer, 'SMS', { toAddress: text.to, fromAddress: text.from ?? null, text: text.text });
}

/** What a device shows: short, in the person's language, opening `url` when tapped. */
export interface PushPayload {
	title: string;
	body: string;
	url: string;
}

/** To one device (a push subscription's id); a device gone by the time it is sent is skipped. */
export async function queuePush(writer: Writer, subscriptionId: number, payload: PushPayload) {
	await enqueue(writer, 'PUSH', {
		toAddress: String(subscriptionId),
		subject: payload.title,
		text: JSON.stringify(payload)
	});
}
