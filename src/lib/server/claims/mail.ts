// The mail each change to a claim sends to one of its people, in that person's language, queued in
// the transaction that made the change.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Prisma } from '../db/generated/client.ts';
import { notifyAll, textTitle } from '../mail/notify.ts';
import { RECIPIENT, type Recipient } from '../mail/recipient.ts';
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

/** Subject and body of each mail about a claim, and the text sent instead to people who chose texts. */
const CLAIM_MAILS: Record<MailKind | 'requested', [ClaimMessage, ClaimMessage, ClaimMessage]> = {
	offered: [m.mail_claim_offered_subject, m.mail_claim_offered_body, m.sms_claim_offered],
	requested: [m.mail_claim_requested_subject, m.mail_claim_offered_body, m.sms_claim_requested],
	accepted: [m.mail_claim_accepted_subject, m.mail_claim_accepted_body, m.sms_claim_accepted],
	declined: [m.mail_claim_declined_subject, m.mail_claim_declined_body, m.sms_claim_declined],
	withdrawn: [m.mail_claim_withdrawn_subject, m.mail_claim_withdrawn_body, m.sms_claim_withdrawn],
	released: [m.mail_claim_released_subject, m.mail_claim_released_body, m.sms_claim_released],
	completed: [m.mail_claim_completed_subject, m.mail_claim_completed_body, m.sms_claim_completed],
	'not-done': [m.mail_claim_not_done_subject, m.mail_claim_not_done_body, m.sms_claim_not_done],
	expired: [m.mail_claim_expired_subject, m.mail_claim_expired_body, m.sms_claim_expired],
	checkin: [m.mail_claim_checkin_subject, m.mail_claim_checkin_body, m.sms_claim_checkin]
};

/** Who one side of a claim is told at: the person who replied, or the poster's side. */
export async function sideRecipients(
	tx: Tx,
	side: Party,
	claim: { claimant: Recipient; post: Parameters<typeof posterRecipients>[1] }
): Promise<Recipient[]> {
	return side === 'poster' ? posterRecipients(tx, claim.post) : [claim.claimant];
}

/** Tells one side of the claim about it (on an intake post, the poster's side is its team), naming the other. */
export async function mailAbout(tx: Tx, claimId: number, kind: MailKind, to: Party, origin: string) {
	const claim = await tx.claim.findUniqueOrThrow({
		where: { id: claimId },
		select: {
			claimant: { select: { ...RECIPIENT, name: true } },
			post: {
				select: {
					title: true,
					kind: true,
					network: { select: { name: true } },
					...POSTER_MAIL_SELECT,
					author: { select: { ...RECIPIENT, name: true } }
				}
			}
		}
	});
	const recipients = await sideRecipients(tx, to, claim);
	// The person who replied hears from the post as it reads: the network, on an intake post.
	const otherName = to === 'poster' ? claim.claimant.name : shownPoster(claim.post).name;
	const args = (locale: Locale) => ({
		title: claim.post.title,
		name: otherName ?? m.post_someone({}, { locale }),
		url: `${origin}/claims/${claimId}`,
		days: NOT_DONE_DAYS
	});
	// A reply to an offer asks for it rather than offering help, so its poster reads it that way.
	const [subject, body, text] =
		CLAIM_MAILS[kind === 'offered' && claim.post.kind === 'OFFER' ? 'requested' : kind];
	await notifyAll(tx, recipients, {
		mail: (locale) => ({ subject: subject(args(locale), { locale }), text: body(args(locale), { locale }) }),
		text: (locale) => text({ ...args(locale), title: textTitle(claim.post.title) }, { locale }),
		url: `${origin}/claims/${claimId}`,
		prompt: kind === 'checkin' ? { kind: 'did-happen', claimId } : undefined
	});
}
