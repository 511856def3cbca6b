// An offer that was full opens again: the people turned away only because it had filled hear of it,
// once, and may ask again with the note they already wrote. Only a person whose latest reply is that
// one: whoever asked again since, or was declined for another reason, is not invited back.
import { m } from '$lib/paraglide/messages';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { mailLocale } from '../mail/due.ts';
import { queueMail } from '../mail/outbox.ts';

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
 * releases (from any instances) take turns; marking each reply before mailing makes it once.
 */
export async function mailPlaceOpened(
	tx: Prisma.TransactionClient,
	postId: number,
	origin: string,
	now: Date
) {
	const turnedAway = await tx.claim.findMany({
		where: { postId, status: 'DECLINED', declinedFull: true, placeOpenMailedAt: null },
		select: {
			id: true,
			claimantId: true,
			claimant: { select: { email: true, uiLocale: true } },
			post: { select: { title: true } }
		}
	});
	for (const claim of turnedAway) {
		const { count } = await tx.claim.updateMany({
			where: { id: claim.id, placeOpenMailedAt: null },
			data: { placeOpenMailedAt: now }
		});
		const latest = await latestClaim(tx, postId, claim.claimantId);
		if (!count || latest?.id !== claim.id || !claim.claimant.email) continue;
		const locale = mailLocale(claim.claimant.uiLocale);
		const args = { title: claim.post.title, url: `${origin}/posts/${postId}` };
		await queueMail(tx, {
			to: claim.claimant.email,
			subject: m.mail_place_open_subject(args, { locale }),
			text: m.mail_place_open_body(args, { locale })
		});
	}
}
