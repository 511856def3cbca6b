import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { disconnectDatabase, testDatabaseUrl, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { createPost } from '../posts/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { activityOf, getClaimPage, repliesToPost } from './index.ts';
import {
	acceptClaim,
	ClaimError,
	completeClaim,
	createClaim,
	declineClaim,
	expirePendingClaims,
	releaseClaim,
	sendCheckIns,
	withdrawClaim
} from './lifecycle.ts';
import { markRead, notifyUnreadMessages, purgeEndedThreads, sendMessage, unreadCounts } from './threads.ts';

let db: Database;
const RUN = Date.now().toString(36);
const ORIGIN = 'https://each.test';
const HOUR = 60 * 60 * 1000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

async function person(name: string, extra: { shareContact?: boolean; phone?: string } = {}) {
	return db.user.create({
		data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name, uiLocale: 'en', ...extra }
	});
}

async function post(authorId: string, fields: Record<string, string | boolean> = {}) {
	const form = new FormData();
	const values: Record<string, string | boolean> = {
		kind: 'NEED',
		title: `Groceries ${RUN}`,
		category: 'GROCERIES',
		neighborhood: 'kensington',
		timeWindow: 'THIS_WEEK',
		...fields
	};
	for (const [k, v] of Object.entries(values)) {
		if (v === true) form.append(k, 'on');
		else if (v !== false) form.append(k, v);
	}
	const result = await createPost(authorId, postSchema.parse(readPostForm(form)));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

const statusOf = async (postId: number) =>
	(await db.post.findUniqueOrThrow({ where: { id: postId } })).status;
const claimStatus = async (claimId: number) =>
	(await db.claim.findUniqueOrThrow({ where: { id: claimId } })).status;
const mailsTo = (email: string) =>
	db.outboxMessage.findMany({ where: { toAddress: email }, orderBy: { id: 'asc' } });

describe('a need', () => {
	it('goes from "I can help" to accepted, released, accepted again and fulfilled, mailing each step', async () => {
		const poster = await person('Poster');
		const ana = await person('Ana');
		const ben = await person('Ben');
		const postId = await post(poster.id);

		const anaClaim = await createClaim(postId, ana.id, 'I can bring them Saturday', ORIGIN);
		const benClaim = await createClaim(postId, ben.id, 'Sunday works for me', ORIGIN);
		expect((await mailsTo(poster.email!)).map((m) => m.subject)).toEqual([
			`Ana can help with “Groceries ${RUN}”`,
			`Ben can help with “Groceries ${RUN}”`
		]);

		await acceptClaim(anaClaim, ORIGIN);
		expect(await statusOf(postId)).toBe('CLAIMED');
		expect(await claimStatus(benClaim)).toBe('DECLINED');
		expect((await mailsTo(ben.email!)).at(-1)?.text).toContain('Thank you for answering');
		expect((await mailsTo(ana.email!)).at(-1)?.subject).toBe(`Accepted: “Groceries ${RUN}”`);

		await releaseClaim(anaClaim, 'claimant', ORIGIN);
		expect(await statusOf(postId)).toBe('OPEN');
		expect((await mailsTo(poster.email!)).at(-1)?.subject).toBe(`“Groceries ${RUN}” is open again`);

		const again = await createClaim(postId, ben.id, 'Still happy to help', ORIGIN);
		await acceptClaim(again, ORIGIN);
		await completeClaim(again, 'poster', ORIGIN);
		expect(await statusOf(postId)).toBe('FULFILLED');
		expect(await claimStatus(again)).toBe('COMPLETED');
		expect((await mailsTo(ben.email!)).at(-1)?.subject).toBe(`Done: “Groceries ${RUN}”`);
	});

	it('refuses your own post, a second live reply, and a closed post', async () => {
		const poster = await person('Poster');
		const ana = await person('Ana');
		const postId = await post(poster.id);
		await expect(createClaim(postId, poster.id, 'me', ORIGIN)).rejects.toEqual(new ClaimError('own-post'));
		const first = await createClaim(postId, ana.id, 'hi', ORIGIN);
		await expect(createClaim(postId, ana.id, 'hi again', ORIGIN)).rejects.toEqual(
			new ClaimError('already-claimed')
		);
		await withdrawClaim(first, ORIGIN);
		const second = await createClaim(postId, ana.id, 'back again', ORIGIN);
		await declineClaim(second, ORIGIN);
		await expect(declineClaim(second, ORIGIN)).rejects.toEqual(new ClaimError('status'));
		await db.post.update({ where: { id: postId }, data: { status: 'WITHDRAWN' } });
		await expect(createClaim(postId, ana.id, 'late', ORIGIN)).rejects.toEqual(new ClaimError('not-open'));
	});
});

describe('the replies a poster sees', () => {
	it('say which languages each person who replied speaks, and whether one is the poster’s', async () => {
		const poster = await person('Poster');
		const postId = await post(poster.id, { languages: 'bn' });
		const shares = await person('Shares');
		await db.user.update({ where: { id: shares.id }, data: { languages: ['en', 'bn'] } });
		const other = await person('Other');
		await db.user.update({ where: { id: other.id }, data: { languages: ['es'] } });
		const silent = await person('Silent');
		for (const someone of [shares, other, silent]) await createClaim(postId, someone.id, 'I can', ORIGIN);

		const replies = (await repliesToPost(postId)).claims.map((claim) => [
			claim.claimant.name,
			claim.claimant.languages,
			claim.sharesLanguage
		]);
		expect(replies).toEqual([
			['Silent', [], false],
			['Other', ['es'], false],
			['Shares', ['en', 'bn'], true]
		]);
	});
});

describe('an offer', () => {
	it('accepts requests up to its quantity, then is fully claimed; a release returns a place', async () => {
		const offerer = await person('Offerer');
		const people = await Promise.all(['A', 'B', 'C'].map((n) => person(n)));
		const postId = await post(offerer.id, { kind: 'OFFER', quantity: '2', title: `Cribs ${RUN}` });
		const [a, b, c] = await Promise.all(people.map((p) => createClaim(postId, p.id, "I'd like one", ORIGIN)));

		await acceptClaim(a!, ORIGIN);
		expect(await statusOf(postId)).toBe('OPEN');
		expect((await repliesToPost(postId)).remaining).toBe(1);
		await acceptClaim(b!, ORIGIN);
		expect(await statusOf(postId)).toBe('CLAIMED');
		expect(await claimStatus(c!)).toBe('DECLINED');
		await expect(acceptClaim(c!, ORIGIN)).rejects.toEqual(new ClaimError('full'));

		await releaseClaim(a!, 'poster', ORIGIN);
		expect(await statusOf(postId)).toBe('OPEN');
		expect((await repliesToPost(postId)).remaining).toBe(1);
	});

	it('never runs out when ongoing', async () => {
		const offerer = await person('Offerer');
		const postId = await post(offerer.id, { kind: 'OFFER', ongoing: true });
		for (const name of ['A', 'B', 'C', 'D']) {
			const claimant = await person(name);
			await acceptClaim(await createClaim(postId, claimant.id, 'please', ORIGIN), ORIGIN);
		}
		expect(await statusOf(postId)).toBe('OPEN');
		expect((await repliesToPost(postId)).remaining).toBeNull();
	});
});

describe('no double claims', () => {
	async function raceSetup(claimants: number) {
		const offerer = await person('Offerer');
		const postId = await post(offerer.id, { kind: 'OFFER', quantity: '1', title: `Last crib ${RUN}` });
		const ids: number[] = [];
		for (let i = 0; i < claimants; i++) {
			const claimant = await person(`Racer${i}`);
			ids.push(await createClaim(postId, claimant.id, 'me please', ORIGIN));
		}
		return { postId, ids };
	}

	const accepted = (postId: number) => db.claim.count({ where: { postId, status: 'ACCEPTED' } });

	it('lets exactly one of 50 concurrent accepts win a single-quantity offer', async () => {
		const { postId, ids } = await raceSetup(50);
		const results = await Promise.allSettled(ids.map((id) => acceptClaim(id, ORIGIN)));
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		for (const r of results) if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(ClaimError);
		expect(await accepted(postId)).toBe(1);
		expect(await statusOf(postId)).toBe('CLAIMED');
	});

	it('lets exactly one win when 50 accepts come from two separate processes', async () => {
		const { postId, ids } = await raceSetup(50);
		const run = promisify(execFile);
		const worker = (half: number[]) =>
			run(
				process.execPath,
				['--import', 'tsx', 'tests/concurrency/accept-worker.ts', testDatabaseUrl(), ...half.map(String)],
				{
					timeout: 120_000
				}
			);
		const outputs = await Promise.all([worker(ids.slice(0, 25)), worker(ids.slice(25))]);
		const reports = outputs.map(
			(o) => JSON.parse(o.stdout.trim().split('\n').at(-1)!) as { won: number; unexpected: string[] }
		);
		expect(reports.flatMap((r) => r.unexpected)).toEqual([]);
		expect(reports.reduce((sum, r) => sum + r.won, 0)).toBe(1);
		expect(await accepted(postId)).toBe(1);
	}, 180_000);
});

describe('threads and contact details', () => {
	it('shows contact details only after acceptance, and only when their owner opted in', async () => {
		const poster = await person('Poster', { shareContact: true, phone: '718 555 0100' });
		const helper = await person('Helper', { shareContact: false, phone: '347 555 0111' });
		const postId = await post(poster.id);
		const claimId = await createClaim(postId, helper.id, 'I can help', ORIGIN);

		expect((await getClaimPage(claimId, 'claimant')).otherContact).toBeNull();
		await acceptClaim(claimId, ORIGIN);
		expect((await getClaimPage(claimId, 'claimant')).otherContact).toEqual({
			email: poster.email,
			phone: '718 555 0100'
		});
		expect((await getClaimPage(claimId, 'poster')).otherContact).toBeNull();
	});

	it('counts unread messages, mails once per batch, and lists them in activity', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(await post(poster.id), helper.id, 'hello', ORIGIN);
		await sendMessage(claimId, helper.id, 'Is Saturday ok?');
		await sendMessage(claimId, helper.id, 'Or Sunday');
		expect((await unreadCounts(poster.id, [claimId])).get(claimId)).toBe(2);
		expect((await activityOf(poster.id)).onMyPosts.find((c) => c.id === claimId)?.unread).toBe(2);

		const later = new Date(Date.now() + 10 * 60_000);
		const before = (await mailsTo(poster.email!)).length;
		await notifyUnreadMessages(ORIGIN, later);
		await notifyUnreadMessages(ORIGIN, later);
		const mails = await mailsTo(poster.email!);
		expect(mails.length - before).toBe(1);
		expect(mails.at(-1)?.subject).toBe(`New message about “Groceries ${RUN}”`);

		await markRead(claimId, 'poster', new Date(Date.now() + 1000));
		expect((await unreadCounts(poster.id, [claimId])).get(claimId) ?? 0).toBe(0);
	});

	it.each([
		['declined', declineClaim],
		['withdrawn', withdrawClaim]
	] as const)('takes no more messages once the reply is %s, from either side', async (_ending, end) => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(await post(poster.id), helper.id, 'hello', ORIGIN);
		expect(await sendMessage(claimId, helper.id, 'Still there?')).toEqual({ sent: true });
		await end(claimId, ORIGIN);
		expect(await sendMessage(claimId, helper.id, 'Please answer')).toEqual({ sent: false, reason: 'closed' });
		expect(await sendMessage(claimId, poster.id, 'Sorry')).toEqual({ sent: false, reason: 'closed' });
		expect(await db.message.count({ where: { claimId } })).toBe(1);
	});

	it('keeps the thread open while the reply is accepted', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(await post(poster.id), helper.id, 'hello', ORIGIN);
		await acceptClaim(claimId, ORIGIN);
		expect(await sendMessage(claimId, poster.id, 'See you Saturday')).toEqual({ sent: true });
	});

	it('deletes a thread 30 days after its claim ends (configurable)', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(await post(poster.id), helper.id, 'hello', ORIGIN);
		await sendMessage(claimId, helper.id, 'private words');
		const ended = new Date('2030-01-01T00:00:00Z');
		await withdrawClaim(claimId, ORIGIN, ended);
		await purgeEndedThreads(new Date('2030-01-30T00:00:00Z'));
		expect(await db.message.count({ where: { claimId } })).toBe(1);
		await purgeEndedThreads(new Date('2030-02-01T00:00:00Z'));
		expect(await db.message.count({ where: { claimId } })).toBe(0);

		vi.stubEnv('THREAD_RETENTION_DAYS', '0');
		const other = await createClaim(await post(poster.id), helper.id, 'hi', ORIGIN);
		await sendMessage(other, helper.id, 'words');
		await withdrawClaim(other, ORIGIN, new Date(Date.now() - 1000));
		await purgeEndedThreads();
		expect(await db.message.count({ where: { claimId: other } })).toBe(0);
		vi.unstubAllEnvs();
	});
});

describe('the clock', () => {
	it('expires a pending claim after 48 hours and says so kindly', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(await post(poster.id), helper.id, 'hello', ORIGIN);
		const created = (await db.claim.findUniqueOrThrow({ where: { id: claimId } })).createdAt;
		await expirePendingClaims(ORIGIN, new Date(created.getTime() + 47 * HOUR));
		expect(await claimStatus(claimId)).toBe('PENDING');
		await expirePendingClaims(ORIGIN, new Date(created.getTime() + 48 * HOUR));
		expect(await claimStatus(claimId)).toBe('EXPIRED');
		expect((await mailsTo(helper.email!)).at(-1)?.subject).toBe(`No answer yet on “Groceries ${RUN}”`);
	});

	it('asks both "did this happen?" once, five days after acceptance', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(await post(poster.id), helper.id, 'hello', ORIGIN);
		const accepted = new Date('2030-03-01T12:00:00Z');
		await acceptClaim(claimId, ORIGIN, accepted);
		await sendCheckIns(ORIGIN, new Date(accepted.getTime() + 4 * 24 * HOUR));
		expect(
			(await mailsTo(helper.email!)).filter((m) => m.subject?.startsWith('Did this happen?'))
		).toHaveLength(0);
		await sendCheckIns(ORIGIN, new Date(accepted.getTime() + 5 * 24 * HOUR));
		await sendCheckIns(ORIGIN, new Date(accepted.getTime() + 6 * 24 * HOUR));
		for (const who of [poster, helper]) {
			const checkIns = (await mailsTo(who.email!)).filter(
				(m) => m.subject === `Did this happen? “Groceries ${RUN}”`
			);
			expect(checkIns).toHaveLength(1);
			expect(checkIns[0]!.text).toContain(`${ORIGIN}/claims/${claimId}`);
		}
	});
});
