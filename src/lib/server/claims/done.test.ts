// "Done" with a name and a date, "it didn't happen" from the other person within the window, and a
// place on a full offer opening again for the people turned away because it was full.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import type { ClaimParty, ClaimStatus } from '../db/generated/enums.ts';
import { createPost } from '../posts/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { askAgainNote } from './again.ts';
import { canSayNotDone, NOT_DONE_DAYS } from './done.ts';
import { getClaimPage, repliesToPost } from './index.ts';
import {
	acceptClaim,
	askAgain,
	ClaimError,
	completeClaim,
	createClaim,
	declineClaim,
	releaseClaim,
	sayNotDone
} from './lifecycle.ts';
import type { Party } from './threads.ts';

let db: Database;
const RUN = `dn${Date.now().toString(36)}`;
const ORIGIN = 'https://each.test';
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string, uiLocale = 'en') =>
	db.user.create({
		data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name, uiLocale }
	});

async function post(authorId: string, fields: Record<string, string> = {}) {
	const form = new FormData();
	const values = { kind: 'NEED', title: `Soup ${RUN}`, category: 'MEALS', neighborhood: 'kensington' };
	for (const [key, value] of Object.entries({ ...values, timeWindow: 'THIS_WEEK', ...fields })) {
		form.append(key, value);
	}
	const result = await createPost(authorId, postSchema.parse(readPostForm(form)));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

const claimOf = (id: number) => db.claim.findUniqueOrThrow({ where: { id } });
const statusOf = async (postId: number) =>
	(await db.post.findUniqueOrThrow({ where: { id: postId } })).status;
const mailsTo = (email: string) =>
	db.outboxMessage.findMany({ where: { toAddress: email }, orderBy: { id: 'asc' } });

/** A need with its helper accepted. */
async function matchedNeed() {
	const poster = await person('Paula');
	const helper = await person('Hugo');
	const postId = await post(poster.id);
	const claimId = await createClaim(postId, helper.id, 'I can cook', ORIGIN);
	await acceptClaim(claimId, ORIGIN);
	return { poster, helper, postId, claimId };
}

describe('who may still say it did not happen', () => {
	const at = new Date('2030-05-01T12:00:00Z');
	const later = (days: number) => new Date(at.getTime() + days * DAY);
	type Row = [ClaimStatus, ClaimParty | null, Party, Date, boolean];
	const table: Row[] = [
		['COMPLETED', 'CLAIMANT', 'poster', later(1), true],
		['COMPLETED', 'POSTER', 'claimant', later(1), true],
		// Not the one who marked it, and not with nobody having marked it.
		['COMPLETED', 'CLAIMANT', 'claimant', later(1), false],
		['COMPLETED', 'POSTER', 'poster', later(1), false],
		['COMPLETED', null, 'poster', later(1), false],
		// Within the window only.
		['COMPLETED', 'CLAIMANT', 'poster', new Date(later(NOT_DONE_DAYS).getTime() - 1), true],
		['COMPLETED', 'CLAIMANT', 'poster', later(NOT_DONE_DAYS), false],
		// Only a claim that is done.
		['ACCEPTED', 'CLAIMANT', 'poster', later(1), false],
		['RELEASED', 'CLAIMANT', 'poster', later(1), false]
	];
	it.each(table)('%s marked by %s, asked by the %s at %s → %s', (status, doneBy, party, now, allowed) => {
		expect(canSayNotDone({ status, doneBy, closedAt: at }, party, now)).toBe(allowed);
	});
});

describe('marking done', () => {
	it('records who marked it and tells the other one, with the way to say it did not happen', async () => {
		const { poster, postId, claimId } = await matchedNeed();
		const when = new Date();
		await completeClaim(claimId, 'claimant', ORIGIN, when);

		expect(await claimOf(claimId)).toMatchObject({ status: 'COMPLETED', doneBy: 'CLAIMANT', closedAt: when });
		const done = { by: 'claimant', at: when, notDoneUntil: new Date(when.getTime() + NOT_DONE_DAYS * DAY) };
		expect((await getClaimPage(claimId, 'poster')).done).toEqual(done);
		expect((await getClaimPage(claimId, 'claimant')).done).toEqual(done);
		expect((await repliesToPost(postId)).claims.find((c) => c.id === claimId)?.done).toEqual(done);

		const mail = (await mailsTo(poster.email!)).at(-1)!;
		expect(mail.subject).toBe(`Done: “Soup ${RUN}”`);
		expect(mail.text).toContain(`Hugo marked “Soup ${RUN}” as done.`);
		expect(mail.text).toContain(
			`If it didn't happen, you can say so on this page within ${NOT_DONE_DAYS} days`
		);
		expect(mail.text).toContain(`${ORIGIN}/claims/${claimId}`);
	});

	it('shows nothing as done while nobody has marked it', async () => {
		const { postId, claimId } = await matchedNeed();
		expect((await getClaimPage(claimId, 'poster')).done).toBeNull();
		expect((await repliesToPost(postId)).claims.find((c) => c.id === claimId)?.done).toBeNull();
	});
});

describe('it did not happen', () => {
	it('takes a need back to accepted and claimed, mails the one who marked it, and it can be done again', async () => {
		const { helper, postId, claimId } = await matchedNeed();
		await completeClaim(claimId, 'claimant', ORIGIN);
		expect(await statusOf(postId)).toBe('FULFILLED');

		await sayNotDone(claimId, 'poster', ORIGIN);
		expect(await claimOf(claimId)).toMatchObject({ status: 'ACCEPTED', doneBy: null, closedAt: null });
		expect(await statusOf(postId)).toBe('CLAIMED');
		const mail = (await mailsTo(helper.email!)).at(-1)!;
		expect(mail.subject).toBe(`Not done yet: “Soup ${RUN}”`);
		expect(mail.text).toContain(`Paula says “Soup ${RUN}” didn't happen yet`);

		await completeClaim(claimId, 'poster', ORIGIN);
		expect(await claimOf(claimId)).toMatchObject({ status: 'COMPLETED', doneBy: 'POSTER' });
		expect(await statusOf(postId)).toBe('FULFILLED');
	});

	it('keeps an offer’s place taken either way', async () => {
		const offerer = await person('Ofelia');
		const asker = await person('Raj');
		const postId = await post(offerer.id, { kind: 'OFFER', quantity: '2', category: 'BABY_KIDS' });
		const claimId = await createClaim(postId, asker.id, 'Friday?', ORIGIN);
		await acceptClaim(claimId, ORIGIN);
		await completeClaim(claimId, 'poster', ORIGIN);
		await sayNotDone(claimId, 'claimant', ORIGIN);
		expect((await claimOf(claimId)).status).toBe('ACCEPTED');
		expect(await statusOf(postId)).toBe('OPEN');
		expect((await repliesToPost(postId)).remaining).toBe(1);
	});

	it.each([
		['the one who marked it', 'claimant', 1],
		['the other one, after the window', 'poster', NOT_DONE_DAYS]
	] as const)('refuses %s and changes nothing', async (_, by, daysLater) => {
		const { postId, claimId } = await matchedNeed();
		const marked = new Date();
		await completeClaim(claimId, 'claimant', ORIGIN, marked);
		const before = await claimOf(claimId);
		const now = new Date(marked.getTime() + daysLater * DAY);
		await expect(sayNotDone(claimId, by, ORIGIN, now)).rejects.toEqual(new ClaimError('status'));
		expect(await claimOf(claimId)).toEqual(before);
		expect(await statusOf(postId)).toBe('FULFILLED');
	});

	it('refuses a claim that is not done', async () => {
		const { claimId } = await matchedNeed();
		await expect(sayNotDone(claimId, 'poster', ORIGIN)).rejects.toEqual(new ClaimError('status'));
		await releaseClaim(claimId, 'claimant', ORIGIN);
		await expect(sayNotDone(claimId, 'poster', ORIGIN)).rejects.toEqual(new ClaimError('status'));
		expect((await claimOf(claimId)).status).toBe('RELEASED');
	});
});

describe('a place opens again on a full offer', () => {
	/** A one-place offer, taken by the first asker; the second waited and was turned away; the third was declined first. */
	async function fullOffer(secondLocale = 'en') {
		const offerer = await person('Ofelia');
		const [first, second, third] = [
			await person('Ana'),
			await person('Bea', secondLocale),
			await person('Cy')
		];
		const postId = await post(offerer.id, {
			kind: 'OFFER',
			quantity: '1',
			category: 'BABY_KIDS',
			title: `Crib ${RUN}`
		});
		const firstClaim = await createClaim(postId, first.id, 'Friday', ORIGIN);
		const secondClaim = await createClaim(postId, second.id, 'Saturday works', ORIGIN);
		const thirdClaim = await createClaim(postId, third.id, 'Sunday', ORIGIN);
		await declineClaim(thirdClaim, ORIGIN);
		await acceptClaim(firstClaim, ORIGIN);
		return { offerer, first, second, third, postId, firstClaim, secondClaim, thirdClaim };
	}
	const placeMails = async (email: string) =>
		(await mailsTo(email)).filter((mail) => mail.text.includes('/posts/'));

	it('marks only the replies turned away because it filled', async () => {
		const { secondClaim, thirdClaim } = await fullOffer();
		expect(await claimOf(secondClaim)).toMatchObject({ status: 'DECLINED', declinedFull: true });
		expect(await claimOf(thirdClaim)).toMatchObject({ status: 'DECLINED', declinedFull: false });
	});

	it('mails them once, in their language, with the post, and lets them ask again with their note', async () => {
		const offer = await fullOffer('es');
		await releaseClaim(offer.firstClaim, 'claimant', ORIGIN);
		expect(await statusOf(offer.postId)).toBe('OPEN');
		const [mail, ...more] = await placeMails(offer.second.email!);
		expect(more).toEqual([]);
		expect(mail?.subject).toBe(`Se abrió un lugar: «Crib ${RUN}»`);
		expect(mail?.text).toContain(`${ORIGIN}/posts/${offer.postId}`);
		expect(await placeMails(offer.third.email!)).toEqual([]);
		expect(await placeMails(offer.first.email!)).toEqual([]);

		const post = { id: offer.postId, kind: 'OFFER', status: 'OPEN' };
		expect(await askAgainNote(post, offer.second.id)).toBe('Saturday works');
		expect(await askAgainNote(post, offer.third.id)).toBeNull();
		const again = await askAgain(offer.postId, offer.second.id, ORIGIN);
		expect(await claimOf(again)).toMatchObject({ status: 'PENDING', note: 'Saturday works' });
		expect(await askAgainNote(post, offer.second.id)).toBeNull();
		await expect(askAgain(offer.postId, offer.second.id, ORIGIN)).rejects.toEqual(new ClaimError('status'));

		// Filled and released again: the new reply was never turned away, the old one is already told.
		await acceptClaim(again, ORIGIN);
		await releaseClaim(again, 'poster', ORIGIN);
		expect(await placeMails(offer.second.email!)).toHaveLength(1);
	});

	it('goes through every rule of a new reply', async () => {
		const offer = await fullOffer();
		await expect(askAgain(offer.postId, offer.second.id, ORIGIN)).rejects.toEqual(new ClaimError('status'));
		await releaseClaim(offer.firstClaim, 'poster', ORIGIN);

		await db.post.update({ where: { id: offer.postId }, data: { claimsLocked: true } });
		await expect(askAgain(offer.postId, offer.second.id, ORIGIN)).rejects.toEqual(new ClaimError('locked'));
		await db.post.update({ where: { id: offer.postId }, data: { claimsLocked: false } });

		const { networkId } = await db.post.findUniqueOrThrow({ where: { id: offer.postId } });
		await db.networkSuspension.create({
			data: { userId: offer.second.id, networkId, reason: 'test' }
		});
		await expect(askAgain(offer.postId, offer.second.id, ORIGIN)).rejects.toEqual(
			new ClaimError('suspended')
		);
		await db.networkSuspension.deleteMany({ where: { userId: offer.second.id } });

		// Someone else took the place first: it is full again.
		await acceptClaim(await createClaim(offer.postId, offer.third.id, 'Me too', ORIGIN), ORIGIN);
		await expect(askAgain(offer.postId, offer.second.id, ORIGIN)).rejects.toEqual(new ClaimError('status'));
		expect(await db.claim.count({ where: { postId: offer.postId, claimantId: offer.second.id } })).toBe(1);
	});

	it('leaves a need alone: its helpers are not mailed nor asked back', async () => {
		const poster = await person('Paula');
		const [ana, bea] = [await person('Ana'), await person('Bea')];
		const postId = await post(poster.id);
		const anaClaim = await createClaim(postId, ana.id, 'I can', ORIGIN);
		const beaClaim = await createClaim(postId, bea.id, 'Me too', ORIGIN);
		await acceptClaim(anaClaim, ORIGIN);
		expect((await claimOf(beaClaim)).declinedFull).toBe(true);
		await releaseClaim(anaClaim, 'claimant', ORIGIN);
		expect(await placeMails(bea.email!)).toEqual([]);
		expect(await askAgainNote({ id: postId, kind: 'NEED', status: 'OPEN' }, bea.id)).toBeNull();
	});
});
