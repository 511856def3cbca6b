// The mails a claim's changes send its people, through the outbox and in the recipient's language.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Prisma } from '../db/generated/client.ts';
import { mailLocale } from '../mail/due.ts';
import { queueMail } from '../mail/outbox.ts';
import { shownPoster } from '../posts/poster.ts';

export type MailKind =
	'offered' | 'accepted' | 'declined' | 'withdrawn' | 'released' | 'completed' | 'expired' | 'checkin';

type ClaimMessage = (
	args: { title: string; name: string; url: string },
	options: { locale: Locale }
) => string;

/** Subject and body of each mail about a claim. */
const CLAIM_MAILS: Record<MailKind | 'requested', [ClaimMessage, ClaimMessage]> = {
	offered: [m.mail_claim_offered_subject, m.mail_claim_offered_body],
	requested: [m.mail_claim_requested_subject, m.mail_claim_offered_body],
	accepted: [m.mail_claim_accepted_subject, m.mail_claim_accepted_body],
	declined: [m.mail_claim_declined_subject, m.mail_claim_declined_body],
	withdrawn: [m.mail_claim_withdrawn_subject, m.mail_claim_withdrawn_body],
	released: [m.mail_claim_released_subject, m.mail_claim_released_body],
	completed: [m.mail_claim_completed_subject, m.mail_claim_completed_body],
	expired: [m.mail_claim_expired_subject, m.mail_claim_expired_body],
	checkin: [m.mail_claim_checkin_subject, m.mail_claim_checkin_body]
};

/** Pass the transaction that makes the change, so the change and its mail are written together. */
export async function mailAbout(
	tx: Prisma.TransactionClient,
	claimId: number,
	kind: MailKind,
	to: 'poster' | 'claimant',
	origin: string
) {
	const claim = await tx.claim.findUniqueOrThrow({
		where: { id: claimId },
		select: {
			claimant: { select: { email: true, uiLocale: true, name: true } },
			post: {
				select: {
					title: true,
					kind: true,
					intakeName: true,
					network: { select: { name: true } },
					author: { select: { email: true, uiLocale: true, name: true } }
				}
			}
		}
	});
	const recipient = to === 'poster' ? claim.post.author : claim.claimant;
	if (!recipient.email) return;
	// The person who replied hears from the post as it reads: the network, on an intake post.
	const otherName = to === 'poster' ? claim.claimant.name : shownPoster(claim.post).name;
	const locale = mailLocale(recipient.uiLocale);
	const args = {
		title: claim.post.title,
		name: otherName ?? m.post_someone({}, { locale }),
		url: `${origin}/claims/${claimId}`
	};
	// A reply to an offer asks for it rather than offering help, so its poster reads it that way.
	const [subject, body] = CLAIM_MAILS[kind === 'offered' && claim.post.kind === 'OFFER' ? 'requested' : kind];
	await queueMail(tx, {
		to: recipient.email,
		subject: subject(args, { locale }),
		text: body(args, { locale })
	});
}
