// Delivers queued mail. Safe with several app instances on one database: each message is claimed with
// FOR UPDATE SKIP LOCKED and leased (locked_until) right before it is sent, and the lease is renewed
// while the send lasts, so two workers never hold the same message; a worker that dies mid-send stops
// renewing, loses its lease, and another takes the message over.
import { db } from '../db/index.ts';
import type { Transport } from './transport.ts';

/** Short enough that a dead worker's message goes out again soon; renewals cover slow sends. */
const LEASE_SECONDS = 60;
const MAX_BACKOFF_MS = 60 * 60 * 1000;

interface Claimed {
	id: bigint;
	to_address: string;
	subject: string;
	text: string;
	attempts: number;
}

export interface DeliveryOptions {
	transport: Transport;
	from: string;
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
async function claimNext(leaseSeconds: number, skip: string[]): Promise<Claimed | undefined> {
	const [message] = await db.$queryRaw<Claimed[]>`
		UPDATE outbox_messages SET locked_until = now() + make_interval(secs => ${leaseSeconds}), attempts = attempts + 1
		 WHERE id = (
			SELECT id FROM outbox_messages
			 WHERE sent_at IS NULL AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
			   AND id <> ALL(${skip}::bigint[])
			 ORDER BY next_attempt_at, id
			 LIMIT 1
			 FOR UPDATE SKIP LOCKED)
		RETURNING id, to_address, subject, text, attempts`;
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
 * Sends up to `batchSize` due messages. Each is claimed just before it is sent, so a message waits in
 * the table (where any worker can take it) rather than behind this worker's slow sends.
 * Returns how many were sent and how many failed.
 */
export async function deliverDueMail({
	transport,
	from,
	retryBaseMs,
	batchSize = 20,
	leaseSeconds = LEASE_SECONDS
}: DeliveryOptions) {
	let sent = 0;
	let failed = 0;
	const tried: string[] = [];
	for (let n = 0; n < batchSize; n++) {
		const message = await claimNext(leaseSeconds, tried);
		if (!message) break;
		tried.push(String(message.id));
		const release = holdLease(message.id, leaseSeconds);
		let error: unknown;
		try {
			await transport.send({ from, to: message.to_address, subject: message.subject, text: message.text });
		} catch (sendError) {
			error = sendError ?? new Error('send failed');
		} finally {
			await release();
		}
		if (error === undefined) {
			await db.outboxMessage.update({
				where: { id: message.id },
				data: { sentAt: new Date(), lockedUntil: null, lastError: null }
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

/** Sent messages are kept a week (to answer "did you send it?"), then deleted: minimal data. */
export async function purgeSentMail(olderThanDays = 7) {
	const cutoff = new Date(Date.now() - olderThanDays * 24 * 60 * 60 * 1000);
	const { count } = await db.outboxMessage.deleteMany({ where: { sentAt: { lt: cutoff } } });
	return count;
}
