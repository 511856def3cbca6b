// "It didn't happen" and "ask again" through their real actions: each refuses on its own, whatever the
// page showed, for the wrong person, outside the window or in the wrong status.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as claimPage from '../../src/routes/claims/[id=id]/+page.server.ts';
import * as postPage from '../../src/routes/posts/[id=id]/+page.server.ts';
import {
	acceptClaim,
	completeClaim,
	createClaim,
	releaseClaim
} from '../../src/lib/server/claims/lifecycle.ts';
import { NOT_DONE_DAYS } from '../../src/lib/server/claims/done.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `cd${Date.now().toString(36)}`;
const ORIGIN = 'http://localhost';
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = async (name: string) =>
	(
		await db.user.create({
			data: { email: `${name}-${RUN}-${++counter}@example.org`, name, profileCompletedAt: new Date() }
		})
	).id;

async function post(authorId: string, fields: Record<string, string>) {
	const values = { title: `Done ${RUN}`, neighborhood: 'kensington', timeWindow: 'THIS_WEEK', ...fields };
	const created = await createPost(authorId, postSchema.parse(readPostForm(form(values))));
	if (!created.ok) throw new Error(JSON.stringify(created));
	return created.id;
}

/** A need its helper marked done `daysAgo` days ago. */
async function doneByHelper(daysAgo = 0) {
	const [poster, helper, stranger] = [
		await person('poster'),
		await person('helper'),
		await person('stranger')
	];
	const postId = await post(poster, { kind: 'NEED', category: 'MEALS' });
	const claimId = await createClaim(postId, helper, 'I can help', ORIGIN);
	await acceptClaim(claimId, ORIGIN);
	await completeClaim(claimId, 'claimant', ORIGIN, new Date(Date.now() - daysAgo * DAY));
	return { poster, helper, stranger, postId, claimId };
}

const onClaim = (claimId: number, userId: string | null, body?: FormData) =>
	requestEvent({ path: `/claims/${claimId}`, params: { id: String(claimId) }, userId, body });
const sayNotDone = async (claimId: number, userId: string | null) =>
	call(claimPage.actions.notDone, await onClaim(claimId, userId, form({})));
const claimRow = (id: number) => db.claim.findUniqueOrThrow({ where: { id } });

describe('the "it didn\'t happen" action', () => {
	it('takes the other person’s word within the window and goes back to accepted', async () => {
		const { poster, postId, claimId } = await doneByHelper(NOT_DONE_DAYS - 1);
		expect(await call(claimPage.load, await onClaim(claimId, poster))).toMatchObject({
			data: { can: { notDone: true } }
		});
		expect(await sayNotDone(claimId, poster)).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/claims/${claimId}`
		});
		expect((await claimRow(claimId)).status).toBe('ACCEPTED');
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).status).toBe('CLAIMED');
	});

	it.each([
		['the one who marked it', 'helper'],
		['someone else', 'stranger']
	] as const)('is a 404 to %s', async (_, who) => {
		const claim = await doneByHelper();
		expect(await sayNotDone(claim.claimId, claim[who])).toEqual({ kind: 'error', status: 404 });
		expect((await claimRow(claim.claimId)).status).toBe('COMPLETED');
	});

	it('sends someone signed out to sign in', async () => {
		const { claimId } = await doneByHelper();
		expect(await sayNotDone(claimId, null)).toMatchObject({ kind: 'redirect', status: 303 });
		expect((await claimRow(claimId)).status).toBe('COMPLETED');
	});

	it('refuses after the window, where the page shows no button', async () => {
		const { poster, claimId } = await doneByHelper(NOT_DONE_DAYS);
		expect(await call(claimPage.load, await onClaim(claimId, poster))).toMatchObject({
			data: { can: { notDone: false } }
		});
		const before = await claimRow(claimId);
		expect(await sayNotDone(claimId, poster)).toEqual({
			kind: 'fail',
			status: 409,
			data: { claimError: 'status' }
		});
		expect(await claimRow(claimId)).toEqual(before);
	});

	it('refuses a claim that is not done', async () => {
		const { poster, claimId } = await doneByHelper();
		// As if it had moved on since the page was drawn.
		await db.claim.update({ where: { id: claimId }, data: { status: 'RELEASED' } });
		expect(await sayNotDone(claimId, poster)).toMatchObject({ kind: 'fail', status: 409 });
		expect((await claimRow(claimId)).status).toBe('RELEASED');
		await db.claim.update({ where: { id: claimId }, data: { status: 'ACCEPTED', doneBy: null } });
		expect(await sayNotDone(claimId, poster)).toEqual({ kind: 'error', status: 404 });
		expect((await claimRow(claimId)).status).toBe('ACCEPTED');
	});
});

describe('the "ask again" action', () => {
	/** A one-place offer: the first asker got it and let it go; the second was turned away as it filled. */
	async function reopenedOffer() {
		const [offerer, first, second] = [await person('offerer'), await person('first'), await person('second')];
		const postId = await post(offerer, { kind: 'OFFER', category: 'BABY_KIDS', quantity: '1' });
		const firstClaim = await createClaim(postId, first, 'Friday', ORIGIN);
		await createClaim(postId, second, 'Saturday works', ORIGIN);
		await acceptClaim(firstClaim, ORIGIN);
		return { offerer, first, second, postId, firstClaim };
	}
	const onPost = (postId: number, userId: string | null) =>
		requestEvent({ path: `/posts/${postId}`, params: { id: String(postId) }, userId, body: form({}) });
	const askAgain = async (postId: number, userId: string | null) =>
		call(postPage.actions.askAgain, await onPost(postId, userId));
	const claimsBy = (postId: number, claimantId: string) =>
		db.claim.findMany({ where: { postId, claimantId }, orderBy: { id: 'asc' } });

	it('re-creates the reply with its note, in one click, once a place opened', async () => {
		const { second, postId, firstClaim } = await reopenedOffer();
		expect(await askAgain(postId, second)).toEqual({
			kind: 'fail',
			status: 409,
			data: { claimError: 'status' }
		});
		await releaseClaim(firstClaim, 'poster', ORIGIN);
		expect(
			await call(
				postPage.load,
				await requestEvent({ path: `/posts/${postId}`, params: { id: String(postId) }, userId: second })
			)
		).toMatchObject({ data: { askAgainWith: 'Saturday works' } });

		const outcome = await askAgain(postId, second);
		const [, again] = await claimsBy(postId, second);
		expect(outcome).toEqual({ kind: 'redirect', status: 303, location: `/claims/${again?.id}` });
		expect(again).toMatchObject({ status: 'PENDING', note: 'Saturday works' });
		expect(await askAgain(postId, second)).toMatchObject({ kind: 'fail', status: 409 });
		expect(await claimsBy(postId, second)).toHaveLength(2);
	});

	it('refuses whoever was not turned away because it was full', async () => {
		const { offerer, first, postId, firstClaim } = await reopenedOffer();
		await releaseClaim(firstClaim, 'poster', ORIGIN);
		expect(await askAgain(postId, first)).toMatchObject({ kind: 'fail', status: 409 });
		expect(await askAgain(postId, await person('newcomer'))).toMatchObject({ kind: 'fail', status: 409 });
		expect(await askAgain(postId, offerer)).toEqual({ kind: 'error', status: 404 });
		expect(await askAgain(postId, null)).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await db.claim.count({ where: { postId, status: 'PENDING' } })).toBe(0);
	});
});
