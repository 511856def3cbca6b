// An offer that was full opens again: the people turned away only because it had filled hear of it,
// once, and may ask again with the note they already wrote. Only a person whose latest reply is that
// one: whoever asked again since, or was declined for another reason, is not invited back.
import { m } from '$lib/paraglide/messages';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { notify, textTitle } from '../mail/notify.ts';
import { RECIPIENT } from '../mail/recipient.ts';

type Reader = typeof db | Prisma.TransactionClient;

const latestClaim = (reader: Reader, postId: number, claimantId: string) =>
	reader.claim.findFirst({
		where: { postId, claimantId },
		orderBy: { id: 'desc' },
		select: { id: true, status: true, declinedFull: true, note: true }
	});

/** The note to ask again with, or null when this person has no place to ask for on this post. */
export async function askAgainNote(
	post: { id: number; kind: string; status: string },
	claimantId: string,
	reader: Reader = db
) {
	if (post.kind !== 'OFFER' || post.status !== 'OPEN') return null;
	const latest = await latestClaim(reader, post.id, claimantId);
	return latest?.status === 'DECLINED' && latest.declinedFull ? latest.note : null;
}

/**
 * Runs in the transaction that moves a full offer back to OPEN, with the post row locked, so two
 * releases (from any instances) take turns; marking the replies before mailing makes it once. A
 * handful of statements however many were turned away, since the lock holds up every other reply.
 */
export async function mailPlaceOpened(
	tx: Prisma.TransactionClient,
	postId: number,
	origin: string,
	now: Date
) {
	const marked = await tx.claim.updateManyAndReturn({
		where: { postId, status: 'DECLINED', declinedFull: true, placeOpenMailedAt: null },
		data: { placeOpenMailedAt: now },
		select: { id: true, claimantId: true }
	});
	if (!marked.length) return;
	// Each person's latest reply to this post: only someone whose latest is the one turned away is asked.
	const latest = await tx.claim.findMany({
		where: { postId, claimantId: { in: marked.map((claim) => claim.claimantId) } },
		distinct: ['claimantId'],
		orderBy: [{ claimantId: 'asc' }, { id: 'desc' }],
		select: { id: true, claimant: { select: RECIPIENT } }
	});
	const markedIds = new Set(marked.map((claim) => claim.id));
	const { title } = await tx.post.findUniqueOrThrow({ where: { id: postId }, select: { title: true } });
	const args = { title, url: `${origin}/posts/${postId}` };
	for (const { id, claimant } of latest) {
		if (!markedIds.has(id)) continue;
		await notify(tx, claimant, {
			mail: (locale) => ({
				subject: m.mail_place_open_subject(args, { locale }),
				text: m.mail_place_open_body(args, { locale })
			}),
			text: (locale) => m.sms_place_open({ ...args, title: textTitle(title) }, { locale }),
			url: args.url
		});
	}
}
