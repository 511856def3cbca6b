// The only way the app sends mail: a row in outbox_messages, written with the change that caused it
// (pass the transaction), delivered later by the worker. Nothing is lost while SMTP is down.
import type { Prisma } from '../db/generated/client.ts';
import type { Database } from '../db/index.ts';

export interface Mail {
	to: string;
	subject: string;
	text: string;
}

type Writer = Database | Prisma.TransactionClient;

let wake: (() => void) | undefined;

/** Lets the in-process worker deliver promptly instead of at its next poll. */
export function onMailQueued(listener: (() => void) | undefined) {
	wake = listener;
}

/**
 * .invalid is reserved never to exist (RFC 6761), so mail there can only bounce. Demo people live
 * under example.invalid: skipping them here keeps reminders for thousands of demo posts out of the
 * log and the queue, while every job treats demo posts exactly like real ones.
 */
const undeliverable = (address: string) => /\.invalid$/i.test(address.trim());

export async function queueMail(writer: Writer, mail: Mail) {
	if (undeliverable(mail.to)) return;
	await writer.outboxMessage.create({ data: { toAddress: mail.to, subject: mail.subject, text: mail.text } });
	// Usually written inside a transaction the worker cannot see until it commits, a moment later.
	setTimeout(() => wake?.(), 200).unref();
}
