// Delivers queued mail and texts, one channel per worker. Safe with several app instances on one
// database: each message is claimed with
// FOR UPDATE SKIP LOCKED and leased (locked_until) right before it is sent, and the lease is renewed
// while the send lasts, so two workers never hold the same message; a worker that dies mid-send stops
// renewing, loses its lease, and another takes the message over.
import { db } from '../db/index.ts';
import type { Channel } from '../db/generated/client.ts';
import type { Transport } from './transport.ts';

/** Short enough that a dead worker's message goes out again soon; renewals cover slow sends. */
const LEASE_SECONDS = 60;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

interface Claimed {
	id: bigint;
	to_address: string;
	from_address: string | null;
	subject: string | null;
	text: string;
	attempts: number;
}

/** What a channel's sender is handed; it returns the provider's id for the message, if it gives one. */
export interface Outgoing {
	to: string;
	/** A text's sending number when not the app's own. */
	from?: string | null;
	subject: string | null;
	text: string;
}

/**
 * Sends one message; it may also say the message must not go at all ('drop': a number that texted
 * STOP after the text was queued), which deletes it unsent.
 */
export type Sender = (message: Outgoing) => Promise<{ providerId?: string } | 'drop' | void>;

interface ChannelOptions {
	retryBaseMs: number;
	batchSize?: number;
	/** Tests shorten it to see what a slow relay does to a lease. */
	leaseSeconds?: number;
}

export function backoffMs(attempts: number, baseMs: number): number {
	return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * Takes the next due message that no live worker holds, leased to this worker for `leaseSeconds`.
 * `skip` holds what this round already tried: a failure with no backoff must wait for the next round.
 */
async function claimNext(
	channel: Channel,
	leaseSeconds: number,
	skip: string[]
): Promise<Claimed | undefined> {
	const [message] = await db.$queryRaw<Claimed[]>`
		UPDATE outbox_messages SET locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
		 WHERE id = (
			SELECT id FROM outbox_messages
			 WHERE channel = ${channel}::"Channel" AND sent_at IS NULL AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
			   AND id <> ALL(${skip}::bigint[])
			 ORDER BY next_attempt_at, id
			 LIMIT 1
			 FOR UPDATE SKIP LOCKED)
		RETURNING id, to_address, from_address, subject, text, attempts`;
	return message;
}

/**
 * Renews the lease every third of its length for as long as the send takes, so a relay slower than the
 * lease never lets another worker take the message and send it again. Returns how to stop, which waits
 * for a renewal in flight so it cannot land after the message is marked sent or failed.
 */
function holdLease(id: bigint, leaseSeconds: number): () => Promise<void> {
	let renewing = Promise.resolve();
	const timer = setInterval(
		() => {
			renewing = renewing
				.then(
					() => db.$executeRaw`
				UPDATE outbox_messages SET locked_until = now() + make_interval(secs => ${leaseSeconds})
				 WHERE id = ${id} AND sent_at IS NULL`
				)
				// A missed renewal only risks what a dead worker risks; the next tick tries again.
				.then(
					() => {},
					() => {}
				);
		},
		(leaseSeconds * 1000) / 3
	);
	return async () => {
		clearInterval(timer);
		await renewing;
	};
}

/**
 * Sends up to `batchSize` due messages of one channel. Each is claimed just before it is sent, so a
 * message waits in the table (where any worker can take it) rather than behind this worker's slow sends.
 * Returns how many were sent and how many failed.
 */
export async function deliverDue(
	channel: Channel,
	send: Sender,
	{ retryBaseMs, batchSize = 20, leaseSeconds = LEASE_SECONDS }: ChannelOptions
) {
	let sent = 0;
	let failed = 0;
	const tried: string[] = [];
	for (let n = 0; n < batchSize; n++) {
		const message = await claimNext(channel, leaseSeconds, tried);
		if (!message) break;
		tried.push(String(message.id));
		const release = holdLease(message.id, leaseSeconds);
		let error: unknown;
		let outcome: Awaited<ReturnType<Sender>> = undefined;
		try {
			outcome = await send({
				to: message.to_address,
				from: message.from_address,
				subject: message.subject,
				text: message.text
			});
		} catch (sendError) {
			error = sendError ?? new Error('send failed');
		} finally {
			await release();
		}
		if (outcome === 'drop') {
			await db.outboxMessage.delete({ where: { id: message.id } });
		} else if (error === undefined) {
			await db.outboxMessage.update({
				where: { id: message.id },
				data: {
					sentAt: new Date(),
					lockedUntil: null,
					lastError: null,
					providerMessageId: outcome ? outcome.providerId : null
				}
			});
			sent++;
		} else {
			failed++;
			await db.outboxMessage.update({
				where: { id: message.id },
				data: {
					lockedUntil: null,
					lastError: error instanceof Error ? error.message : String(error),
					nextAttemptAt: new Date(Date.now() + backoffMs(message.attempts, retryBaseMs))
				}
			});
		}
	}
	return { sent, failed };
}

export interface MailDeliveryOptions extends ChannelOptions {
	transport: Transport;
	from: string;
}

export function deliverDueMail({ transport, from, ...options }: MailDeliveryOptions) {
	return deliverDue(
		'MAIL',
		(mail) => transport.send({ from, to: mail.to, subject: mail.subject ?? '', text: mail.text }),
		options
	);
}

/**
 * Sent messages are kept a week (to answer "did you send it?", and for a text's delivery status to
 * arrive), then deleted: minimal data.
 */
export async function purgeSentMail(olderThanDays = 7) {
	const cutoff = new Date(Date.now() - olderThanDays * 24 * 60 * 60 * 1000);
	const { count } = await db.outboxMessage.deleteMany({ where: { sentAt: { lt: cutoff } } });
	return count;
}
