// Each claim's private thread between its two people: plain text, rate limited by the route, new-message mail
// batched (one mail per thread however many messages arrived), deleted some days after the claim ends.
import { m } from '$lib/paraglide/messages';
import { db } from '../db/index.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { Prisma } from '../db/generated/client.ts';
import type { ClaimStatus } from '../db/generated/enums.ts';
import { mailDueRows } from '../mail/due.ts';
import { notifyAll, textTitle } from '../mail/notify.ts';
import { RECIPIENT } from '../mail/recipient.ts';
import { canMessage } from './lifecycle.ts';
import { recordRelay, relayTarget } from '../moderation/relay.ts';
import { POSTER_MAIL_SELECT } from '../posts/poster.ts';
import { sideRecipients } from './mail.ts';

type Reader = typeof db | Prisma.TransactionClient;

export const MESSAGE_MAX = 2000;
/** New messages wait this long before a mail goes out, so a quick back-and-forth sends one mail. */
const NOTIFY_AFTER_MINUTES = 5;

export type Party = 'poster' | 'claimant';

export function threadRetentionDays() {
	const days = Number(process.env.THREAD_RETENTION_DAYS || 30);
	return Number.isFinite(days) && days >= 0 ? days : 30;
}

export type SendResult = { sent: true } | { sent: false; reason: 'closed' };

const statusOf = async (reader: Reader, claimId: number, lock = Prisma.empty) => {
	const [claim] = await reader.$queryRaw<{ status: ClaimStatus }[]>`
		SELECT status::text AS status FROM claims WHERE id = ${claimId} ${lock}`;
	if (!claim) throw new Error(`No claim ${claimId}`);
	return claim.status;
};

/** Callers count the message against the 'message' limit (ratelimit/limits.ts) first. */
/**
 * `clientKey`: a message written offline is sent again until the device hears back; the key its
 * device made finds the message already stored, which is not stored (nor relayed) twice.
 */
export async function sendMessage(
	claimId: number,
	senderId: string,
	body: string,
	clientKey?: string
): Promise<SendResult> {
	const alreadySent = async () =>
		!!clientKey && (await db.message.count({ where: { senderId, clientKey, claimId } })) > 0;
	if (await alreadySent()) return { sent: true };
	try {
		return await db.$transaction(async (tx): Promise<SendResult> => {
			// FOR SHARE holds off a decline or withdrawal until the message is in, or waits for it to finish.
			if (!canMessage(await statusOf(tx, claimId, Prisma.sql`FOR SHARE`)))
				return { sent: false, reason: 'closed' };
			await tx.message.create({ data: { claimId, senderId, body, clientKey } });
			await recordRelay(tx, await relayTarget(tx, claimId), senderId, 'message');
			return { sent: true };
		});
	} catch (error) {
		// The same message sent twice at once: the other request stored it.
		if (isUniqueViolation(error) && (await alreadySent())) return { sent: true };
		throw error;
	}
}

export async function listThread(claimId: number) {
	return db.message.findMany({
		where: { claimId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: { id: true, body: true, createdAt: true, senderId: true }
	});
}

export async function markRead(claimId: number, party: Party, now = new Date()) {
	await db.claim.update({
		where: { id: claimId },
		data: party === 'poster' ? { posterLastReadAt: now } : { claimantLastReadAt: now }
	});
}

/** Unread messages per claim for one person: what the other party sent after they last read. */
export async function unreadCounts(userId: string, claimIds: number[]) {
	if (!claimIds.length) return new Map<number, number>();
	const rows = await db.$queryRaw<{ claim_id: number; unread: number }[]>`
		SELECT c.id AS claim_id, count(msg.id)::int AS unread
		  FROM claims c
		  JOIN posts p ON p.id = c.post_id
		  JOIN messages msg ON msg.claim_id = c.id
		   -- By side, not by sender: on an intake post the poster's side is a team of several people.
		   AND (msg.sender_id = c.claimant_id) = (p.author_id = ${userId})
		 WHERE c.id = ANY(${claimIds}::int[])
		   AND msg.created_at > COALESCE(CASE WHEN p.author_id = ${userId} THEN c.poster_last_read_at ELSE c.claimant_last_read_at END, '-infinity')
		 GROUP BY c.id`;
	return new Map(rows.map((row) => [row.claim_id, row.unread]));
}

/** One mail per thread and recipient for messages they have neither read nor been told about. */
export async function notifyUnreadMessages(origin: string, now = new Date()) {
	const quietSince = new Date(now.getTime() - NOTIFY_AFTER_MINUTES * 60_000);
	const notifiedAt = (party: Party) => (party === 'poster' ? 'posterNotifiedAt' : 'claimantNotifiedAt');
	return mailDueRows({
		find: () => db.$queryRaw<{ claim_id: number; party: Party }[]>`
			SELECT DISTINCT c.id AS claim_id, CASE WHEN msg.sender_id = c.claimant_id THEN 'poster' ELSE 'claimant' END AS party
			  FROM messages msg
			  JOIN claims c ON c.id = msg.claim_id
			 WHERE msg.created_at <= ${quietSince}
			   AND msg.created_at > COALESCE(GREATEST(
			         CASE WHEN msg.sender_id = c.claimant_id THEN c.poster_last_read_at ELSE c.claimant_last_read_at END,
			         CASE WHEN msg.sender_id = c.claimant_id THEN c.poster_notified_at ELSE c.claimant_notified_at END),
			       '-infinity')
			 LIMIT 500`,
		claim: (tx, { claim_id: claimId, party }) =>
			tx.claim.updateMany({
				where: {
					id: claimId,
					OR: [{ [notifiedAt(party)]: null }, { [notifiedAt(party)]: { lt: quietSince } }]
				},
				data: { [notifiedAt(party)]: now }
			}),
		send: async (tx, { claim_id: claimId, party }) => {
			const claim = await tx.claim.findUniqueOrThrow({
				where: { id: claimId },
				select: {
					claimant: { select: RECIPIENT },
					post: { select: { title: true, ...POSTER_MAIL_SELECT } }
				}
			});
			const args = { title: claim.post.title, url: `${origin}/claims/${claimId}` };
			return notifyAll(tx, await sideRecipients(tx, party, claim), {
				mail: (locale) => ({
					subject: m.mail_messages_subject(args, { locale }),
					text: m.mail_messages_body(args, { locale })
				}),
				text: (locale) => m.sms_new_message({ ...args, title: textTitle(args.title) }, { locale }),
				url: args.url,
				prompt: { kind: 'thread', claimId }
			});
		}
	});
}

/** Threads of claims that ended more than the retention period ago are deleted. */
export async function purgeEndedThreads(now = new Date()) {
	const cutoff = new Date(now.getTime() - threadRetentionDays() * 24 * 60 * 60 * 1000);
	const { count } = await db.message.deleteMany({ where: { claim: { closedAt: { lt: cutoff } } } });
	return count;
}
