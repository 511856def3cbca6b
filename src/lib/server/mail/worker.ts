// Delivers queued mail. Safe with several app instances on one database: a batch is claimed with
// FOR UPDATE SKIP LOCKED and leased (locked_until), so two workers never hold the same message; a
// worker that dies mid-send loses its lease and another takes the message over.
import type { Database } from '../db/index.ts';
import type { Transport } from './transport.ts';

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
	db: Database;
	transport: Transport;
	from: string;
	retryBaseMs: number;
	batchSize?: number;
}

export function backoffMs(attempts: number, baseMs: number): number {
	return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/** Sends every message that is due. Returns how many were sent and how many failed. */
export async function deliverDueMail({ db, transport, from, retryBaseMs, batchSize = 20 }: DeliveryOptions) {
	const claimed = await db.$queryRaw<Claimed[]>`
		UPDATE outbox_messages SET locked_until = now() + make_interval(secs => ${LEASE_SECONDS}), attempts = attempts + 1
		 WHERE id IN (
			SELECT id FROM outbox_messages
			 WHERE sent_at IS NULL AND next_attempt_at <= now() AND (locked_until IS NULL OR locked_until < now())
			 ORDER BY next_attempt_at, id
			 LIMIT ${batchSize}
			 FOR UPDATE SKIP LOCKED)
		RETURNING id, to_address, subject, text, attempts`;
	let sent = 0;
	let failed = 0;
	for (const message of claimed) {
		try {
			await transport.send({ from, to: message.to_address, subject: message.subject, text: message.text });
			await db.outboxMessage.update({
				where: { id: message.id },
				data: { sentAt: new Date(), lockedUntil: null, lastError: null }
			});
			sent++;
		} catch (error) {
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
export async function purgeSentMail(db: Database, olderThanDays = 7) {
	const cutoff = new Date(Date.now() - olderThanDays * 24 * 60 * 60 * 1000);
	const { count } = await db.outboxMessage.deleteMany({ where: { sentAt: { lt: cutoff } } });
	return count;
}
