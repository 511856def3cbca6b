// The mail each change to a claim sends to one of its people, in that person's language, queued in
// the transaction that made the change.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Prisma } from '../db/generated/client.ts';
import { mailLocale } from '../mail/due.ts';
import { queueMail } from '../mail/outbox.ts';
import { POSTER_MAIL_SELECT, posterRecipients, shownPoster } from '../posts/poster.ts';
import { NOT_DONE_DAYS } from './done.ts';
import type { Party } from './threads.ts';

type Tx = Prisma.TransactionClient;

export type MailKind =
	| 'offered'
	| 'accepted'
	| 'declined'
	| 'withdrawn'
	| 'released'
	| 'completed'
	| 'not-done'
	| 'expired'
	| 'checkin';

type ClaimMessage = (
	args: { title: string; name: string; url: string; days: number },
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
	'not-done': [m.mail_claim_not_done_subject, m.mail_claim_not_done_body],
	expired: [m.mail_claim_expired_subject, m.mail_claim_expired_body],
	checkin: [m.mail_claim_checkin_subject, m.mail_claim_checkin_body]
};

type Addressee = { email: string | null; uiLocale: string | null };

/** The addresses one side of a claim is mailed at: the person who replied, or the poster's side. */
export async function sideRecipients(
	tx: Tx,
	side: Party,
	claim: { claimant: Addressee; post: Parameters<typeof posterRecipients>[1] }
) {
	if (side === 'poster') return posterRecipients(tx, claim.post);
	const { email, uiLocale } = claim.claimant;
	return email ? [{ email, uiLocale }] : [];
}

/** Mails one side of the claim about it (on an intake post, the poster's side is its team), naming the other. */
export async function mailAbout(tx: Tx, claimId: number, kind: MailKind, to: Party, origin: string) {
	const claim = await tx.claim.findUniqueOrThrow({
		where: { id: claimId },
		select: {
			claimant: { select: { email: true, uiLocale: true, name: true } },
			post: {
				select: {
					title: true,
					kind: true,
					network: { select: { name: true } },
					...POSTER_MAIL_SELECT,
					author: { select: { email: true, uiLocale: true, name: true } }
				}
			}
		}
	});
	const recipients = await sideRecipients(tx, to, claim);
	// The person who replied hears from the post as it reads: the network, on an intake post.
	const otherName = to === 'poster' ? claim.claimant.name : shownPoster(claim.post).name;
	// A reply to an offer asks for it rather than offering help, so its poster reads it that way.
	const [subject, body] = CLAIM_MAILS[kind === 'offered' && claim.post.kind === 'OFFER' ? 'requested' : kind];
	for (const recipient of recipients) {
		const locale = mailLocale(recipient.uiLocale);
		const args = {
			title: claim.post.title,
			name: otherName ?? m.post_someone({}, { locale }),
			url: `${origin}/claims/${claimId}`,
			days: NOT_DONE_DAYS
		};
		await queueMail(tx, {
			to: recipient.email,
			subject: subject(args, { locale }),
			text: body(args, { locale })
		});
	}
}
