// Intake by text: a neighbor without an account texts a network's own number (networks.sms_number)
// and the network's team gets a held draft to complete and post for them (moderation/intake.ts), the
// hotline a network runs today without the spreadsheet. The neighbor hears, in the language they wrote
// in, from the network's number: on receipt, when it is posted, and when someone offers help.
//
// A network that hands out food and supplies itself takes the draft onto its household roster instead:
// a request on the household with that number (households/), which the neighbor hears is on the list.
//
// A draft holds a phone number and someone's own words: only the network's team reads it (policies.ts
// 'network:relay'), nothing logs it, and it is deleted once posted, taken onto the roster or discarded,
// and after 30 days.
import { spokenLanguageOf } from '$lib/languages';
import { can, type SignedInActor } from '$lib/policies';
import { m } from '$lib/paraglide/messages';
import type { Category } from '$lib/posts';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { mailLocale } from '../mail/due.ts';
import { textTitle } from '../mail/notify.ts';
import { queueText } from '../mail/outbox.ts';
import { categoriesText } from '../households/requests.ts';
import { addHousehold } from '../households/roster.ts';
import type { PostInput } from '../posts/form.ts';
import type { WriteOutcome } from '../posts/index.ts';
import { fileIntake } from './intake.ts';
import { isUniqueViolation } from '../db/errors.ts';

export const DRAFT_DAYS = 30;
/** More than any request needs; a number that keeps texting cannot grow a draft without end. */
export const DRAFT_MAX_CHARS = 2000;

/** franc's ISO 639-3 codes for the languages a post can be written in (POST_LANGUAGES). */
const FRANC_CODES: Record<string, string> = {
	eng: 'en',
	spa: 'es',
	cmn: 'zh-Hans',
	rus: 'ru',
	ben: 'bn',
	hat: 'ht',
	kor: 'ko',
	arb: 'ar',
	urd: 'ur',
	fra: 'fr',
	pol: 'pl'
};
// franc reads Chinese as one language; these common characters tell the two scripts apart.
const TRADITIONAL = /[們這個來時會說為對幫請謝開關門車買賣東學醫錢飯給問題還頭]/gu;
const SIMPLIFIED = /[们这个来时会说为对帮请谢开关门车买卖东学医钱饭给问题还头]/gu;

/**
 * The language a text is written in, among those a post can be; too short to tell, the network's
 * first language, else English. The moderator who completes the draft may change it.
 */
export async function guessLanguage(text: string, networkLanguages: string[] = []): Promise<string> {
	// franc's language models load with the first text rather than with every start of the app.
	const { franc } = await import('franc');
	const code = FRANC_CODES[franc(text, { only: Object.keys(FRANC_CODES), minLength: 3 })];
	if (code === 'zh-Hans') {
		const traditional = text.match(TRADITIONAL)?.length ?? 0;
		return traditional > (text.match(SIMPLIFIED)?.length ?? 0) ? 'zh-Hant' : 'zh-Hans';
	}
	if (code) return code;
	const spoken = networkLanguages[0];
	if (spoken === 'zh') return 'zh-Hans';
	return spoken && Object.values(FRANC_CODES).includes(spoken) ? spoken : 'en';
}

const joined = (body: string, more: string) => `${body}\n${more}`.slice(0, DRAFT_MAX_CHARS);

/**
 * Takes a text from a number with no account and no question pending (sms/inbound.ts checks): to a
 * network's number it starts that network's draft, or joins the one pending; to any other number (a
 * reply to our texts) it joins the newest draft pending for the number. False when it was none of these.
 */
export async function receiveIntakeText(from: string, to: string, body: string, now = new Date()) {
	const words = body.trim();
	if (!words) return false;
	try {
		return await takeIntakeText(from, to, words, now);
	} catch (error) {
		// Two first texts at once both found no draft, and the other one's draft won the unique
		// (network, number): this one now joins it.
		if (!isUniqueViolation(error)) throw error;
		return takeIntakeText(from, to, words, now);
	}
}

function takeIntakeText(from: string, to: string, words: string, now: Date) {
	return db.$transaction(async (tx) => {
		const network = await tx.network.findFirst({
			where: { smsNumber: to, inactiveSince: null },
			select: { id: true, name: true, smsNumber: true, languages: true }
		});
		const pending = await tx.intakeDraft.findFirst({
			where: network ? { networkId: network.id, phone: from } : { phone: from },
			orderBy: { updatedAt: 'desc' },
			select: { id: true, body: true }
		});
		if (pending) {
			await tx.intakeDraft.update({
				where: { id: pending.id },
				data: { body: joined(pending.body, words), updatedAt: now }
			});
			return true;
		}
		if (!network) return false;
		const language = await guessLanguage(words, network.languages);
		await tx.intakeDraft.create({
			data: {
				networkId: network.id,
				phone: from,
				body: words.slice(0, DRAFT_MAX_CHARS),
				language,
				createdAt: now
			}
		});
		await queueText(tx, {
			to: from,
			from: network.smsNumber,
			text: m.sms_intake_received({ network: textTitle(network.name) }, { locale: mailLocale(language) })
		});
		return true;
	});
}

/** The networks whose drafts someone may read: the teams they are on (not admins, as for relaying). */
const relayedNetworks = (actor: SignedInActor) =>
	actor.memberships
		.map((membership) => membership.networkId)
		.filter((id) => can(actor, 'network:relay', { type: 'network', id }));

/** Drafts waiting for the actor's teams, oldest first: the neighbor who has waited longest. */
export async function listDrafts(actor: SignedInActor) {
	return db.intakeDraft.findMany({
		where: { networkId: { in: relayedNetworks(actor) } },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			phone: true,
			body: true,
			createdAt: true,
			network: { select: { name: true } }
		}
	});
}

export const getDraft = (id: number) =>
	db.intakeDraft.findUnique({
		where: { id },
		select: { id: true, networkId: true, phone: true, body: true, language: true, createdAt: true }
	});

/**
 * Posts the draft for the neighbor through the intake flow, in the draft's network, with their number
 * as the contact; the draft is gone and the neighbor is texted that it is posted.
 */
export async function postDraft(
	actor: SignedInActor,
	draftId: number,
	input: PostInput,
	intakeName: string,
	origin: string
): Promise<WriteOutcome> {
	const draft = await db.intakeDraft.findUniqueOrThrow({
		where: { id: draftId },
		select: { networkId: true, phone: true, network: { select: { name: true, smsNumber: true } } }
	});
	const outcome = await fileIntake(
		actor,
		{ ...input, network: draft.networkId },
		{ name: intakeName, contact: draft.phone }
	);
	if (!outcome.ok) return outcome;
	await db.$transaction(async (tx) => {
		await tx.post.update({ where: { id: outcome.id }, data: { intakeByText: true } });
		// Another moderator may have discarded it meanwhile: the post stands either way.
		await tx.intakeDraft.deleteMany({ where: { id: draftId } });
		await queueText(tx, {
			to: draft.phone,
			from: draft.network.smsNumber,
			text: m.sms_intake_posted(
				{ network: textTitle(draft.network.name), url: `${origin}/posts/${outcome.id}` },
				{ locale: mailLocale(input.language) }
			)
		});
	});
	return outcome;
}

/** The household of the draft's network that has the draft's number, if there is one. */
export const householdOfDraft = (draft: { networkId: number; phone: string }) =>
	db.household.findUnique({
		where: { networkId_phone: { networkId: draft.networkId, phone: draft.phone } },
		select: { id: true, name: true }
	});

export type RosterOutcome =
	{ ok: true; householdId: number; networkSlug: string } | { ok: false; reason: 'name-required' | 'gone' };

/**
 * Opens a request from the text on the household with the draft's number, adding the household (named
 * by the moderator, speaking the language the text was written in) when the roster has no such number.
 * The draft is deleted and the neighbor is texted, from the number they wrote to, that the request is
 * on the list. 'gone' when another moderator took or discarded the draft first.
 */
export async function draftToRoster(
	draftId: number,
	category: Category,
	name: string
): Promise<RosterOutcome> {
	return db.$transaction(async (tx) => {
		const draft = await tx.intakeDraft.findUnique({
			where: { id: draftId },
			select: {
				networkId: true,
				phone: true,
				language: true,
				network: { select: { name: true, slug: true, smsNumber: true } }
			}
		});
		if (!draft) return { ok: false, reason: 'gone' };
		const known = await tx.household.findUnique({
			where: { networkId_phone: { networkId: draft.networkId, phone: draft.phone } },
			select: { name: true }
		});
		if (!known && !name) return { ok: false, reason: 'name-required' };
		// Deleting first decides a race between two moderators: the one whose delete took the row opens it.
		const { count } = await tx.intakeDraft.deleteMany({ where: { id: draftId } });
		if (count !== 1) return { ok: false, reason: 'gone' };
		const household = await addHousehold(
			tx,
			draft.networkId,
			{
				name: known?.name ?? name,
				phone: draft.phone,
				languages: [spokenLanguageOf(draft.language)],
				notes: '',
				requests: [category]
			},
			'text'
		);
		// In the language they wrote in (Traditional Chinese included, which the roster records as zh).
		const locale = mailLocale(draft.language);
		await queueText(tx, {
			to: draft.phone,
			from: draft.network.smsNumber,
			text: m.sms_household_request_opened(
				{ network: textTitle(draft.network.name), title: categoriesText([category], locale) },
				{ locale }
			)
		});
		return { ok: true, householdId: household.id, networkSlug: draft.network.slug };
	});
}

export async function discardDraft(draftId: number) {
	await db.intakeDraft.deleteMany({ where: { id: draftId } });
}

/** Drafts nobody completed in 30 days are deleted, number and words with them. */
export async function deleteStaleDrafts(now = new Date()) {
	const { count } = await db.intakeDraft.deleteMany({
		where: { createdAt: { lt: new Date(now.getTime() - DRAFT_DAYS * 24 * 60 * 60 * 1000) } }
	});
	return count;
}

/**
 * On a need asked for by text, someone offered help: the neighbor hears it from the network, which
 * arranges the rest (the thread is the team's). In the transaction that made the offer.
 */
export async function textNeighborOffered(tx: Prisma.TransactionClient, postId: number) {
	const post = await tx.post.findUniqueOrThrow({
		where: { id: postId },
		select: {
			title: true,
			kind: true,
			language: true,
			intakeByText: true,
			intakeContact: true,
			network: { select: { name: true, smsNumber: true } }
		}
	});
	if (post.kind !== 'NEED' || !post.intakeByText || !post.intakeContact) return;
	await queueText(tx, {
		to: post.intakeContact,
		from: post.network.smsNumber,
		text: m.sms_intake_offered(
			{ network: textTitle(post.network.name), title: textTitle(post.title) },
			{ locale: mailLocale(post.language) }
		)
	});
}
