// Each limit in limits.ts, hit through the real form action: the attempt past the limit is refused with
// the minutes to wait, names its form, and writes no row and queues no mail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as claimPage from '../../../routes/claims/[id=id]/+page.server.ts';
import * as intakePage from '../../../routes/moderate/intake/+page.server.ts';
import * as editNetworkPage from '../../../routes/networks/[slug=slug]/edit/+page.server.ts';
import * as organizePage from '../../../routes/networks/[slug=slug]/organize/+page.server.ts';
import * as postPage from '../../../routes/posts/[id=id]/+page.server.ts';
import * as newPostPage from '../../../routes/posts/new/+page.server.ts';
import { createClaim } from '../claims/lifecycle.ts';
import type { Database } from '../db/index.ts';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { createPost } from '../posts/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { LIMITS } from './limits.ts';

let db: Database;
const RUN = `l${Date.now().toString(36)}`;
let counter = 0;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (extra: { isAdmin?: boolean } = {}) =>
	db.user.create({
		data: {
			email: `limits-${RUN}-${++counter}@example.org`,
			name: `Neighbor ${counter}`,
			profileCompletedAt: new Date(),
			...extra
		}
	});
/** Each test comes from its own address, so only the IP test shares one. */
const freshIp = () => `198.51.100.${++counter % 250}`;

const postFields = (title: string) => ({
	kind: 'NEED',
	title,
	category: 'MEALS',
	neighborhood: 'kensington',
	timeWindow: 'TODAY'
});

async function postBy(authorId: string, title: string) {
	const result = await createPost(authorId, postSchema.parse(readPostForm(form(postFields(title)))));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

const refusedAs = (name: string) => ({
	kind: 'fail',
	status: 429,
	data: expect.objectContaining({ form: name, limitedMinutes: expect.any(Number) })
});

async function submitNewPost(userId: string, ip: string, title: string) {
	const event = await requestEvent({ path: '/posts/new', userId, ip, body: form(postFields(title)) });
	return call(newPostPage.actions.default, event);
}

describe('rate limits through the form actions', () => {
	it('refuses a neighbor’s post past the hourly limit and saves none of the extra', async () => {
		const author = await person();
		const ip = freshIp();
		const max = LIMITS.post.who[0].max;
		for (let i = 0; i < max; i++) {
			expect(await submitNewPost(author.id, ip, `Soup ${i} ${RUN}`)).toMatchObject({ kind: 'redirect' });
		}
		const refused = await submitNewPost(author.id, ip, `One too many ${RUN}`);
		expect(refused).toMatchObject(refusedAs('post'));
		const minutes = refused.kind === 'fail' ? (refused.data.limitedMinutes as number) : 0;
		expect(minutes).toBeGreaterThanOrEqual(1);
		expect(minutes).toBeLessThanOrEqual(60);
		expect(await db.post.count({ where: { authorId: author.id } })).toBe(max);
	});

	it('refuses posts from one address past its limit, however many accounts it uses', async () => {
		const ip = freshIp();
		const accounts = await Promise.all([person(), person(), person(), person()]);
		const outcomes = [];
		for (const account of accounts) {
			for (let i = 0; i < 8; i++) outcomes.push(await submitNewPost(account.id, ip, `Rice ${i} ${RUN}`));
		}
		const refused = outcomes.filter((o) => o.kind === 'fail');
		expect(refused).toHaveLength(accounts.length * 8 - LIMITS.post.ip[0].max);
		expect(refused[0]).toMatchObject(refusedAs('post'));
		expect(await db.post.count({ where: { authorId: { in: accounts.map((a) => a.id) } } })).toBe(
			LIMITS.post.ip[0].max
		);
	});

	it('refuses a moderator’s intake posts past the intake limit', async () => {
		const moderator = await person({ isAdmin: true });
		const ip = freshIp();
		const network = await db.post.findFirstOrThrow({ select: { networkId: true } });
		const submit = async (i: number) => {
			const body = form({
				...postFields(`Intake ${i} ${RUN}`),
				network: String(network.networkId),
				intakeName: 'Ms. Rivera',
				intakeContact: 'landline 718 555 0100'
			});
			const event = await requestEvent({ path: '/moderate/intake', userId: moderator.id, ip, body });
			return call(intakePage.actions.default, event);
		};
		const max = LIMITS.intake.who[0].max;
		for (let i = 0; i < max; i++) expect(await submit(i)).toMatchObject({ kind: 'redirect' });
		expect(await submit(max)).toMatchObject(refusedAs('intake'));
		expect(await db.post.count({ where: { authorId: moderator.id } })).toBe(max);
	});

	it('refuses replies past the limit, so one account cannot mail every poster', async () => {
		const poster = await person();
		const helper = await person();
		const ip = freshIp();
		const max = LIMITS.reply.who[0].max;
		const postIds = [];
		for (let i = 0; i <= max; i++) postIds.push(await postBy(poster.id, `Needs a hand ${i} ${RUN}`));
		const mailsBefore = await db.outboxMessage.count({ where: { toAddress: poster.email! } });
		const reply = async (postId: number) => {
			const event = await requestEvent({
				path: `/posts/${postId}`,
				params: { id: String(postId) },
				userId: helper.id,
				ip,
				body: form({ note: 'I can help on Saturday' })
			});
			return call(postPage.actions.claim, event);
		};
		for (const postId of postIds.slice(0, max))
			expect(await reply(postId)).toMatchObject({ kind: 'redirect' });
		expect(await reply(postIds[max]!)).toMatchObject(refusedAs('reply'));
		expect(await db.claim.count({ where: { claimantId: helper.id } })).toBe(max);
		expect((await db.outboxMessage.count({ where: { toAddress: poster.email! } })) - mailsBefore).toBe(max);
	});

	it('refuses moderator invites past the daily limit: no account made, no mail queued', async () => {
		const organizer = await person();
		const network = await db.network.findFirstOrThrow({ orderBy: { id: 'desc' }, skip: 3 });
		await db.networkMembership.create({
			data: { userId: organizer.id, networkId: network.id, role: 'ORGANIZER' }
		});
		const ip = freshIp();
		const address = (i: number) => `invitee-${RUN}-${i}@example.org`;
		const invite = async (i: number) => {
			const event = await requestEvent({
				path: `/networks/${network.slug}/edit`,
				params: { slug: network.slug },
				userId: organizer.id,
				ip,
				body: form({ email: address(i) })
			});
			return call(editNetworkPage.actions.invite, event);
		};
		const max = LIMITS.invite.who[0].max;
		for (let i = 0; i < max; i++) expect(await invite(i)).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await invite(max)).toMatchObject(refusedAs('invite'));
		expect(await db.user.count({ where: { email: { startsWith: `invitee-${RUN}-` } } })).toBe(max);
		expect(await db.outboxMessage.count({ where: { toAddress: address(max) } })).toBe(0);
	});

	it('refuses organizer requests past the daily limit', async () => {
		const asker = await person();
		const ip = freshIp();
		const max = LIMITS.organizerRequest.who[0].max;
		const networks = await db.network.findMany({ orderBy: { id: 'desc' }, skip: 5, take: max + 1 });
		const ask = async (slug: string) => {
			const event = await requestEvent({
				path: `/networks/${slug}/organize`,
				params: { slug },
				userId: asker.id,
				ip,
				body: form({ role: 'Coordinator', verification: 'Ask our Instagram account' })
			});
			return call(organizePage.actions.default, event);
		};
		for (const network of networks.slice(0, max)) {
			expect(await ask(network.slug)).toMatchObject({
				kind: 'redirect',
				location: `/networks/${network.slug}`
			});
		}
		expect(await ask(networks[max]!.slug)).toMatchObject(refusedAs('organizerRequest'));
		expect(await db.organizerRequest.count({ where: { userId: asker.id } })).toBe(max);
	});

	it('names the refused form on the claim page, so a limited report does not read as a limited message', async () => {
		const poster = await person();
		const helper = await person();
		const ip = freshIp();
		const postId = await postBy(poster.id, `Thread ${RUN}`);
		const claimId = await createClaim(postId, helper.id, '', 'http://localhost');
		const message = await db.message.create({ data: { claimId, senderId: helper.id, body: 'hello' } });
		const onClaim = async (action: 'report' | 'message', fields: Record<string, string>) => {
			const event = await requestEvent({
				path: `/claims/${claimId}`,
				params: { id: String(claimId) },
				userId: poster.id,
				ip,
				body: form(fields)
			});
			return call(claimPage.actions[action], event);
		};
		const report = { message: String(message.id), reason: 'SPAM', note: '' };
		for (let i = 0; i < LIMITS.report.who[0].max; i++) {
			expect(await onClaim('report', report)).toMatchObject({
				kind: 'redirect',
				location: `/claims/${claimId}`
			});
		}
		expect(await onClaim('report', report)).toMatchObject(refusedAs('report'));
		expect(await db.report.count({ where: { reporterId: poster.id } })).toBe(LIMITS.report.who[0].max);

		for (let i = 0; i < LIMITS.message.who[0].max; i++) {
			expect(await onClaim('message', { body: `note ${i}` })).toMatchObject({
				kind: 'redirect',
				status: 303
			});
		}
		expect(await onClaim('message', { body: 'one more' })).toMatchObject({
			...refusedAs('message'),
			data: expect.objectContaining({ form: 'message', draft: 'one more' })
		});
		expect(await db.message.count({ where: { claimId, senderId: poster.id } })).toBe(
			LIMITS.message.who[0].max
		);
	});
});
