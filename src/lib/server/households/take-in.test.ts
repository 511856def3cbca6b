// A need on the board that a network takes in, through the two pages' real loads and actions: its team
// offers a place on the household roster from the post's moderation page, the poster hears of it and
// answers on the post's page, and only a yes puts a name and a number on the roster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as moderatePostPage from '../../../routes/moderate/posts/[id=id]/+page.server.ts';
import * as postPage from '../../../routes/posts/[id=id]/+page.server.ts';
import { publicOrigin } from '../config.ts';
import type { Database } from '../db/index.ts';
import { takeInRefusal } from './take-in.ts';

let db: Database;
const RUN = `ti${Date.now().toString(36)}`;
let counter = 0;
// Networks whose rosters no other test keeps; the households made here go with the run.
const HOME = 'crown-heights-mutual-aid';
const OTHER = 'astoria-mutual-aid-network';
let home: { id: number; name: string };
let otherId: number;
let neighborhoodId: number;

beforeAll(async () => {
	db = await useTestDatabase();
	home = await db.network.findUniqueOrThrow({ where: { slug: HOME }, select: { id: true, name: true } });
	otherId = (await db.network.findUniqueOrThrow({ where: { slug: OTHER } })).id;
	neighborhoodId = (await db.neighborhood.findFirstOrThrow({ where: { ntaType: 'RESIDENTIAL' } })).id;
});
afterAll(async () => {
	await db.household.deleteMany({ where: { name: { endsWith: RUN } } });
	await disconnectDatabase();
});

/** A number no other test uses, free on this roster (an interrupted run may have left it there). */
async function freeNumber() {
	const phone = `+1929555${String(100 + (++counter % 100)).padStart(4, '0')}`;
	await db.household.deleteMany({ where: { networkId: home.id, phone } });
	return phone;
}

const person = (name: string, data: { uiLocale?: string; smsNumber?: string; isAdmin?: boolean } = {}) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name, ...data } });

async function member(networkId: number, role: 'MODERATOR' | 'ORGANIZER' = 'MODERATOR') {
	const user = await person('Team');
	await db.networkMembership.create({ data: { userId: user.id, networkId, role } });
	return user;
}

async function need(
	authorId: string,
	extra: { kind?: 'NEED' | 'OFFER'; status?: 'OPEN' | 'WITHDRAWN'; intakeName?: string } = {}
) {
	const later = new Date(Date.now() + 7 * 864e5);
	return db.post.create({
		data: {
			kind: 'NEED',
			title: `Groceries for the week ${RUN}`,
			details: '',
			category: 'GROCERIES',
			timeWindow: 'THIS_WEEK',
			dueAt: later,
			expiresAt: later,
			language: 'en',
			authorId,
			networkId: home.id,
			neighborhoodId,
			...extra
		}
	});
}

const event = (path: string, postId: number, userId: string, fields?: Record<string, string>) =>
	requestEvent({ path, params: { id: String(postId) }, userId, body: fields && form(fields) });
const offer = async (postId: number, userId: string) =>
	call(
		moderatePostPage.actions.offerTakeIn,
		await event(`/moderate/posts/${postId}?/offerTakeIn`, postId, userId, {})
	);
const moderationPage = async (postId: number, userId: string) =>
	call(moderatePostPage.load, await event(`/moderate/posts/${postId}`, postId, userId));
const accept = async (postId: number, userId: string, fields: Record<string, string>) =>
	call(postPage.actions.acceptTakeIn, await event(`/posts/${postId}?/acceptTakeIn`, postId, userId, fields));
const decline = async (postId: number, userId: string) =>
	call(postPage.actions.declineTakeIn, await event(`/posts/${postId}?/declineTakeIn`, postId, userId, {}));
const postPageFor = async (postId: number, userId: string) =>
	call(postPage.load, await event(`/posts/${postId}`, postId, userId));

const offerOf = (postId: number) => db.takeInOffer.findUnique({ where: { postId } });
const statusOf = async (postId: number) =>
	(await db.post.findUniqueOrThrow({ where: { id: postId } })).status;

describe('a network offering a need a place on its household list', () => {
	it('records the offer in the log and tells the poster in their language, with a link to answer', async () => {
		const poster = await person('Rosa', { uiLocale: 'es' });
		const moderator = await member(home.id);
		const post = await need(poster.id);
		expect(await moderationPage(post.id, moderator.id)).toMatchObject({
			data: { takeIn: { canOffer: true, offer: null } }
		});

		expect(await offer(post.id, moderator.id)).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/moderate/posts/${post.id}`
		});
		expect(await offerOf(post.id)).toMatchObject({ networkId: home.id, answeredAt: null, accepted: null });
		expect(
			(await db.moderationLogEntry.findMany({ where: { postId: post.id } })).map((e) => [e.action, e.actorId])
		).toEqual([['take_in_offer', moderator.id]]);
		const mail = await db.outboxMessage.findFirstOrThrow({ where: { toAddress: poster.email! } });
		expect(mail.subject).toBe(`${home.name} te ofrece agregar tu pedido a su lista`);
		expect(mail.text).toContain(`${publicOrigin()}/posts/${post.id}`);
		expect(mail.text).toContain('días de reparto');
		expect(await moderationPage(post.id, moderator.id)).toMatchObject({
			data: { takeIn: { canOffer: false, offer: { state: 'pending' } } }
		});
	});

	it.each([
		['an offer of help', { kind: 'OFFER' as const }, 'take_in_error_kind'],
		['a post off the board', { status: 'WITHDRAWN' as const }, 'take_in_error_status'],
		['a post the team filed for a neighbor', { intakeName: `Neighbor ${RUN}` }, 'take_in_error_intake']
	])('refuses %s, saying why, and records nothing', async (_, extra, error) => {
		const poster = await person('Poster');
		const moderator = await member(home.id);
		const post = await need(poster.id, extra);
		expect(await offer(post.id, moderator.id)).toEqual({
			kind: 'fail',
			status: 409,
			data: { form: 'takeIn', errors: { takeIn: error } }
		});
		expect(await offerOf(post.id)).toBeNull();
		expect(await db.moderationLogEntry.count({ where: { postId: post.id } })).toBe(0);
	});

	it('asks a poster once: a second offer, or one after a no thanks, is refused', async () => {
		const poster = await person('Poster');
		const moderator = await member(home.id, 'ORGANIZER');
		const post = await need(poster.id);
		await offer(post.id, moderator.id);
		const asked = { kind: 'fail', status: 409, data: { errors: { takeIn: 'take_in_error_asked' } } };
		expect(await offer(post.id, (await member(home.id)).id)).toMatchObject(asked);
		await decline(post.id, poster.id);
		expect(await offer(post.id, moderator.id)).toMatchObject(asked);
		expect(await db.moderationLogEntry.count({ where: { postId: post.id } })).toBe(1);
	});

	it('is a 404 to anyone but the post’s network’s team, admins included', async () => {
		const poster = await person('Poster');
		const post = await need(poster.id);
		const admin = await person('Admin', { isAdmin: true });
		for (const userId of [(await member(otherId)).id, admin.id, poster.id]) {
			expect(await offer(post.id, userId)).toEqual({ kind: 'error', status: 404 });
		}
		expect(await offerOf(post.id)).toBeNull();
		// An admin moderates the post, but the household list is not theirs to offer.
		expect(await moderationPage(post.id, admin.id)).toMatchObject({ kind: 'data', data: { takeIn: null } });
		expect(await moderationPage(post.id, (await member(otherId)).id)).toEqual({ kind: 'error', status: 404 });
	});
});

describe('the poster’s answer', () => {
	it('yes: the household is added with their name and number, the request opened from the board, the post off it', async () => {
		const phone = await freeNumber();
		await db.user.updateMany({ where: { smsNumber: phone }, data: { smsNumber: null } });
		const poster = await person(`Rosa ${RUN}`, { uiLocale: 'es', smsNumber: phone });
		const moderator = await member(home.id);
		const post = await need(poster.id);
		await offer(post.id, moderator.id);

		// The page explains the offer to its poster only, with their account's name and number to start from.
		expect(await postPageFor(post.id, poster.id)).toMatchObject({
			data: {
				takeIn: { state: 'pending', network: home.name, values: { name: `Rosa ${RUN}`, phone } }
			}
		});
		const stranger = await person('Stranger');
		expect(await postPageFor(post.id, stranger.id)).toMatchObject({ data: { takeIn: null } });
		// Nobody answers for the poster: not a stranger, not the team that offered.
		for (const userId of [stranger.id, moderator.id]) {
			expect(await accept(post.id, userId, { name: `Nobody ${RUN}`, phone })).toEqual({
				kind: 'error',
				status: 404
			});
			expect(await decline(post.id, userId)).toEqual({ kind: 'error', status: 404 });
		}

		// A name and a number that can be texted are needed; the form comes back with what was typed.
		expect(await accept(post.id, poster.id, { name: ' ', phone: '12345' })).toEqual({
			kind: 'fail',
			status: 400,
			data: {
				form: 'takeIn',
				values: { name: ' ', phone: '12345' },
				errors: { name: 'household_error_name', phone: 'phone_error_invalid' }
			}
		});
		expect(await accept(post.id, poster.id, { name: `Rosa ${RUN}`, phone: '800 555 0100' })).toMatchObject({
			status: 400,
			data: { errors: { phone: 'phone_error_not_mobile' } }
		});
		expect(await offerOf(post.id)).toMatchObject({ accepted: null });
		expect(await statusOf(post.id)).toBe('OPEN');

		expect(await accept(post.id, poster.id, { name: `Rosa ${RUN}`, phone })).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/posts/${post.id}`
		});
		expect(await statusOf(post.id)).toBe('WITHDRAWN');
		expect(await offerOf(post.id)).toMatchObject({ accepted: true, answeredAt: expect.any(Date) });
		const household = await db.household.findUniqueOrThrow({
			where: { networkId_phone: { networkId: home.id, phone } },
			include: { requests: true }
		});
		// Their interface language first, then the post's.
		expect(household).toMatchObject({ name: `Rosa ${RUN}`, languages: ['es', 'en'] });
		expect(household.requests).toMatchObject([
			{ category: 'GROCERIES', source: 'board', status: 'OPEN', postId: post.id }
		]);
		const texts = await db.outboxMessage.findMany({ where: { channel: 'SMS', toAddress: phone } });
		expect(texts.at(-1)!.text).toMatch(/tenemos su solicitud de "Comestibles y comida" en nuestra lista/);

		expect(await postPageFor(post.id, poster.id)).toMatchObject({
			data: { takeIn: { state: 'accepted', network: home.name } }
		});
		expect(await moderationPage(post.id, moderator.id)).toMatchObject({
			data: {
				takeIn: {
					canOffer: false,
					offer: { state: 'accepted', household: `/moderate/networks/${HOME}/households/${household.id}` }
				}
			}
		});
		// Answered: the same form sent again changes nothing.
		expect(await accept(post.id, poster.id, { name: `Rosa ${RUN}`, phone })).toEqual({
			kind: 'fail',
			status: 409,
			data: { takeInGone: true }
		});
		expect(await db.householdRequest.count({ where: { householdId: household.id } })).toBe(1);
	});

	it('no thanks: the post stays on the board, nothing reaches the roster, and the team sees the answer', async () => {
		const phone = await freeNumber();
		const poster = await person('Poster');
		const moderator = await member(home.id);
		const post = await need(poster.id);
		await offer(post.id, moderator.id);

		expect(await decline(post.id, poster.id)).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/posts/${post.id}`
		});
		expect(await statusOf(post.id)).toBe('OPEN');
		expect(await offerOf(post.id)).toMatchObject({ accepted: false, answeredAt: expect.any(Date) });
		expect(await postPageFor(post.id, poster.id)).toMatchObject({ data: { takeIn: null } });
		expect(await moderationPage(post.id, moderator.id)).toMatchObject({
			data: { takeIn: { offer: { state: 'declined' } } }
		});
		expect(await accept(post.id, poster.id, { name: `Late ${RUN}`, phone })).toMatchObject({ status: 409 });
		expect(await db.household.count({ where: { networkId: home.id, phone } })).toBe(0);
		expect(await decline(post.id, poster.id)).toMatchObject({ status: 409 });
	});
});

describe('taking a need in', () => {
	it('joins the household already on the list with that number, whatever way it is typed', async () => {
		const phone = await freeNumber();
		const existing = await db.household.create({
			data: { networkId: home.id, name: `Already here ${RUN}`, phone, languages: ['ht'] }
		});
		await db.householdRequest.create({
			data: { householdId: existing.id, category: 'MEALS', source: 'text' }
		});
		const poster = await person('Poster', { uiLocale: 'fr' });
		const post = await need(poster.id);
		// A reply waiting for the poster's answer ends as on any post that leaves the board.
		const helper = await person('Helper');
		const reply = await db.claim.create({ data: { postId: post.id, claimantId: helper.id, note: 'I can' } });
		await offer(post.id, (await member(home.id)).id);

		const national = `(${phone.slice(2, 5)}) ${phone.slice(5, 8)}-${phone.slice(8)}`;
		expect(await accept(post.id, poster.id, { name: `Another name ${RUN}`, phone: national })).toMatchObject({
			kind: 'redirect'
		});
		const households = await db.household.findMany({
			where: { networkId: home.id, phone },
			include: { requests: { orderBy: { id: 'asc' } } }
		});
		expect(households).toHaveLength(1);
		// Its name stays; the poster's languages are added after its own.
		expect(households[0]).toMatchObject({
			id: existing.id,
			name: `Already here ${RUN}`,
			languages: ['ht', 'fr', 'en']
		});
		expect(households[0]!.requests.map((r) => [r.category, r.source, r.postId])).toEqual([
			['MEALS', 'text', null],
			['GROCERIES', 'board', post.id]
		]);
		expect(await statusOf(post.id)).toBe('WITHDRAWN');
		expect((await db.claim.findUniqueOrThrow({ where: { id: reply.id } })).status).toBe('PENDING');
	});

	it('is refused, with nothing written, once a helper was accepted on the need', async () => {
		const phone = await freeNumber();
		const poster = await person('Poster');
		const post = await need(poster.id);
		await offer(post.id, (await member(home.id)).id);
		const helper = await person('Helper');
		await db.claim.create({
			data: { postId: post.id, claimantId: helper.id, note: '', status: 'ACCEPTED', acceptedAt: new Date() }
		});
		await db.post.update({ where: { id: post.id }, data: { status: 'CLAIMED' } });

		expect(await accept(post.id, poster.id, { name: `Too late ${RUN}`, phone })).toMatchObject({
			status: 409,
			data: { takeInGone: true }
		});
		expect(await statusOf(post.id)).toBe('CLAIMED');
		expect(await offerOf(post.id)).toMatchObject({ accepted: null });
		expect(await db.household.count({ where: { networkId: home.id, phone } })).toBe(0);
	});
});

describe('which posts can be offered', () => {
	const open = { kind: 'NEED', status: 'OPEN', intakeName: null } as const;
	it.each([
		[open, false, null],
		[open, true, 'asked'],
		[{ ...open, kind: 'OFFER' }, false, 'kind'],
		[{ ...open, status: 'CLAIMED' }, false, 'status'],
		[{ ...open, status: 'HELD' }, false, 'status'],
		[{ ...open, intakeName: 'A neighbor' }, false, 'intake']
	] as const)('%o, offered before: %s → %s', (post, offered, refusal) => {
		expect(takeInRefusal(post, offered)).toBe(refusal);
	});
});
