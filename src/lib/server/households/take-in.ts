// A need on the public board that a network takes in: its team offers the poster a place on the
// network's household roster (distribution days), and the poster answers on their post's page. Consent
// comes first: the roster gets a name and a number only from the poster's own yes, typed or confirmed by
// them, and the offer itself holds nothing about them. A yes adds (or joins, by number) the household,
// opens the request from the board, and takes the post off the board, all in one transaction.
import { z } from 'zod';
import { spokenLanguageOf } from '$lib/languages';
import { m } from '$lib/paraglide/messages';
import { phoneField } from '../auth/phone-form.ts';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { notify, textTitle } from '../mail/notify.ts';
import { RECIPIENT } from '../mail/recipient.ts';
import * as audit from '../moderation/audit.ts';
import { transition, TransitionError } from '../posts/lifecycle.ts';
import { isIntake } from '../posts/poster.ts';
import { categoriesText, openRequest, textHousehold } from './requests.ts';
import { addHousehold, householdSchema } from './roster.ts';

/** The poster's answer: the name the team will see and the number it will text. */
export const takeInSchema = z.object({ name: householdSchema.shape.name, phone: phoneField });
export type TakeInInput = z.output<typeof takeInSchema>;

export type TakeInRefusal = 'intake' | 'kind' | 'status' | 'asked';

/**
 * Why this post cannot be offered a place, or null. An intake post's neighbor has no account to answer
 * with (the team that filed it can ask them itself); an offer of help is not a household's request; a
 * post off the board or already under way is not waiting; and a poster is asked once, so a "no thanks"
 * is not asked again.
 */
export function takeInRefusal(
	post: { kind: 'NEED' | 'OFFER'; status: string; intakeName: string | null },
	offered: boolean
): TakeInRefusal | null {
	if (isIntake(post)) return 'intake';
	if (post.kind !== 'NEED') return 'kind';
	if (post.status !== 'OPEN') return 'status';
	if (offered) return 'asked';
	return null;
}

const ELIGIBILITY = { kind: true, status: true, intakeName: true } as const;

/**
 * Records the offer with its log entry and tells the poster, by mail or text as they chose, in their
 * language, with a link to the post where they answer. The unique offer per post decides two
 * moderators offering at once: the second is 'asked'.
 */
export async function offerTakeIn(actorId: string, postId: number, origin: string, now = new Date()) {
	return db.$transaction(async (tx) => {
		const post = await tx.post.findUniqueOrThrow({
			where: { id: postId },
			select: {
				...ELIGIBILITY,
				title: true,
				networkId: true,
				network: { select: { name: true } },
				author: { select: RECIPIENT },
				takeInOffer: { select: { id: true } }
			}
		});
		const refusal = takeInRefusal(post, post.takeInOffer !== null);
		if (refusal) return { ok: false, reason: refusal } as const;
		const { count } = await tx.takeInOffer.createMany({
			data: { postId, networkId: post.networkId, createdAt: now },
			skipDuplicates: true
		});
		if (count !== 1) return { ok: false, reason: 'asked' } as const;
		await audit.record(tx, { networkId: post.networkId, actorId, action: 'take_in_offer', postId });
		const args = { network: post.network.name, title: post.title, url: `${origin}/posts/${postId}` };
		await notify(tx, post.author, {
			mail: (locale) => ({
				subject: m.mail_take_in_subject(args, { locale }),
				text: m.mail_take_in_body(args, { locale })
			}),
			text: (locale) => m.sms_take_in_offer({ network: textTitle(args.network), url: args.url }, { locale }),
			url: args.url
		});
		return { ok: true } as const;
	});
}

export type TakeInState = 'pending' | 'accepted' | 'declined';
const stateOf = (offer: { accepted: boolean | null }): TakeInState =>
	offer.accepted === null ? 'pending' : offer.accepted ? 'accepted' : 'declined';

/**
 * The moderation page's part: the offer and its answer if one was made (with the household a yes
 * joined, while its request is still there), and whether one can be made now.
 */
export async function takeInForTeam(postId: number) {
	const post = await db.post.findUniqueOrThrow({
		where: { id: postId },
		select: {
			...ELIGIBILITY,
			takeInOffer: {
				select: { accepted: true, createdAt: true, answeredAt: true, network: { select: { slug: true } } }
			},
			householdRequests: { select: { householdId: true }, take: 1 }
		}
	});
	const offer = post.takeInOffer;
	return {
		canOffer: takeInRefusal(post, offer !== null) === null,
		offer: offer && {
			state: stateOf(offer),
			offeredAt: offer.createdAt,
			answeredAt: offer.answeredAt,
			household: post.householdRequests[0]
				? `/moderate/networks/${offer.network.slug}/households/${post.householdRequests[0].householdId}`
				: null
		}
	};
}

/**
 * The poster's part of their post's page: a pending offer they can still answer, with their account's
 * name and verified number to start from, or the network that took the post in.
 */
export async function takeInForPoster(postId: number) {
	const post = await db.post.findUniqueOrThrow({
		where: { id: postId },
		select: {
			status: true,
			takeInOffer: { select: { accepted: true, network: { select: { name: true } } } },
			author: { select: { name: true, smsNumber: true } }
		}
	});
	const offer = post.takeInOffer;
	if (offer?.accepted) return { state: 'accepted' as const, network: offer.network.name };
	// An offer on a post that left the board waits: renewed, the post can take it up again.
	if (!offer || offer.accepted === false || post.status !== 'OPEN') return null;
	return {
		state: 'pending' as const,
		network: offer.network.name,
		values: { name: post.author.name ?? '', phone: post.author.smsNumber ?? '' }
	};
}

type Tx = Prisma.TransactionClient;

export type AnswerOutcome = { ok: true } | { ok: false; reason: 'gone' };

/**
 * The poster's yes, in one transaction: the offer answered, the household with this number on the
 * offering network's roster (added, or joined as a second request from the same number does),
 * speaking the poster's language and then the post's, its request opened from the board in the post's
 * category, and the post off the board. 'gone' when there is no pending offer or the post is no longer
 * open; nothing is written then.
 */
export async function acceptTakeIn(
	postId: number,
	input: TakeInInput,
	now = new Date()
): Promise<AnswerOutcome> {
	try {
		return await db.$transaction((tx) => takeIn(tx, postId, input, now));
	} catch (problem) {
		// A helper was accepted on it in between: the need is under way, and nothing was written.
		if (problem instanceof TransitionError) return { ok: false, reason: 'gone' };
		throw problem;
	}
}

async function takeIn(tx: Tx, postId: number, input: TakeInInput, now: Date): Promise<AnswerOutcome> {
	// Answering first decides a double submit: the second finds the offer answered.
	const { count } = await tx.takeInOffer.updateMany({
		where: { postId, answeredAt: null, post: { status: 'OPEN' } },
		data: { answeredAt: now, accepted: true }
	});
	if (count !== 1) return { ok: false, reason: 'gone' };
	const offer = await tx.takeInOffer.findUniqueOrThrow({
		where: { postId },
		select: {
			networkId: true,
			network: { select: { name: true } },
			post: { select: { category: true, language: true, author: { select: { uiLocale: true } } } }
		}
	});
	const { post } = offer;
	await transition(postId, 'take-in', now, tx);
	const household = await addHousehold(
		tx,
		offer.networkId,
		{
			name: input.name,
			phone: input.phone,
			languages: [
				...new Set(
					[post.author.uiLocale, post.language].filter((code) => code !== null).map(spokenLanguageOf)
				)
			],
			notes: '',
			requests: []
		},
		'board'
	);
	const request = await openRequest(tx, household.id, post.category, 'board');
	// The same kind of request already open (asked by text, say) keeps where it came from.
	await tx.householdRequest.updateMany({ where: { id: request.id, postId: null }, data: { postId } });
	// The number they gave hears from the network at once, as after a request by text: the list's
	// texts will come to it, in the household's language.
	const { languages } = await tx.household.findUniqueOrThrow({
		where: { id: household.id },
		select: { languages: true }
	});
	await textHousehold(tx, { phone: input.phone, languages }, (locale) =>
		m.sms_household_request_opened(
			{ network: textTitle(offer.network.name), title: categoriesText([post.category], locale) },
			{ locale }
		)
	);
	return { ok: true };
}

/** The poster's "no thanks": the offer is answered and the post stays on the board as it is. */
export async function declineTakeIn(postId: number, now = new Date()): Promise<AnswerOutcome> {
	const { count } = await db.takeInOffer.updateMany({
		where: { postId, answeredAt: null },
		data: { answeredAt: now, accepted: false }
	});
	return count === 1 ? { ok: true } : { ok: false, reason: 'gone' };
}
