// Destructive actions run only on their second step: the real actions refuse a post without
// `confirmed=yes`, hand back what was typed for the confirmation screen, and change nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as adminPage from '../../src/routes/admin/+page.server.ts';
import * as moderatePostPage from '../../src/routes/moderate/posts/[id=id]/+page.server.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `cf${Date.now().toString(36)}`;
const people = { poster: '', moderator: '', admin: '' };
let postId = 0;
let networkId = 0;
let otherNetworkId = 0;

beforeAll(async () => {
	db = await useTestDatabase();
	const user = (name: string, isAdmin = false) =>
		db.user.create({
			data: { email: `${name}-${RUN}@example.org`, name, isAdmin, profileCompletedAt: new Date() }
		});
	const [poster, moderator, admin] = await Promise.all([
		user('poster'),
		user('moderator'),
		user('admin', true)
	]);
	Object.assign(people, { poster: poster.id, moderator: moderator.id, admin: admin.id });
	const fields = { kind: 'NEED', title: `Confirm ${RUN}`, category: 'MEALS', neighborhood: 'kensington' };
	const created = await createPost(
		poster.id,
		postSchema.parse(readPostForm(form({ ...fields, timeWindow: 'TODAY' })))
	);
	if (!created.ok) throw new Error(JSON.stringify(created));
	postId = created.id;
	({ networkId } = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { networkId: true } }));
	otherNetworkId = (await db.network.findFirstOrThrow({ where: { id: { not: networkId } } })).id;
	await db.networkMembership.create({ data: { userId: moderator.id, networkId, role: 'MODERATOR' } });
});
afterAll(disconnectDatabase);

const moderatePost = (fields: Record<string, string>, userId = people.moderator) =>
	requestEvent({
		path: `/moderate/posts/${postId}?/moderate`,
		params: { id: String(postId) },
		userId,
		body: form(fields)
	}).then((event) => call(moderatePostPage.actions.moderate, event));

const suspended = () => db.networkSuspension.count({ where: { userId: people.poster, networkId } });
const status = async () => (await db.post.findUniqueOrThrow({ where: { id: postId } })).status;

describe('a moderator', () => {
	it('is asked to confirm a suspension, with the reason kept, and nobody is suspended until they do', async () => {
		const asked = await moderatePost({ action: 'suspend', reason: 'Scam posts' });
		expect(asked).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { confirm: true, values: { action: 'suspend', reason: 'Scam posts' } }
		});
		expect(await suspended()).toBe(0);
		expect(await moderatePost({ action: 'suspend', reason: 'Scam posts', confirmed: 'no' })).toMatchObject({
			data: { confirm: true }
		});
		expect(await suspended()).toBe(0);

		expect(
			await moderatePost({ action: 'suspend', reason: 'Scam posts', confirmed: 'yes' })
		).not.toMatchObject({
			kind: 'fail'
		});
		expect(await suspended()).toBe(1);
	});

	it.each(['hide', 'close'])('confirms before a %s takes the post off the board', async (action) => {
		expect(await moderatePost({ action, reason: 'Not allowed' })).toMatchObject({ data: { confirm: true } });
		expect(await status()).toBe('OPEN');
	});

	it('does not confirm routine actions', async () => {
		expect(await moderatePost({ action: 'lock' })).not.toMatchObject({ kind: 'fail' });
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).claimsLocked).toBe(true);
		expect(await moderatePost({ action: 'unlock' })).not.toMatchObject({ kind: 'fail' });
	});

	it('confirms a hand-off only to a network they do not moderate', async () => {
		expect(await moderatePost({ action: 'handoff', target: String(otherNetworkId) })).toMatchObject({
			data: { confirm: true, values: { target: String(otherNetworkId) } }
		});
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).networkId).toBe(networkId);
		// A site admin moderates every network, so the post stays within their reach.
		expect(
			await moderatePost({ action: 'handoff', target: String(otherNetworkId) }, people.admin)
		).not.toMatchObject({ kind: 'fail' });
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).networkId).toBe(otherNetworkId);
	});
});

describe('a site admin', () => {
	const adminAction = async (name: 'find' | 'revoke', fields: Record<string, string>) =>
		call(
			adminPage.actions[name],
			await requestEvent({ path: `/admin?/${name}`, userId: people.admin, body: form(fields) })
		);

	it('finds one person by their exact address, in any case, and goes to them by account id', async () => {
		const email = `moderator-${RUN}@example.org`;
		expect(await adminAction('find', { email: email.toUpperCase() })).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/admin?person=${people.moderator}`
		});
		expect(await adminAction('find', { email: `oderator-${RUN}@example.org` })).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { values: { email: `oderator-${RUN}@example.org` }, errors: { email: 'admin_find_none' } }
		});
	});

	it('is asked to confirm removing a role, which stays until they do', async () => {
		const fields = { userId: people.moderator, networkId: String(networkId) };
		const role = () => db.networkMembership.count({ where: { userId: people.moderator, networkId } });
		expect(await adminAction('revoke', fields)).toMatchObject({
			kind: 'fail',
			data: { confirm: true, values: fields }
		});
		expect(await role()).toBe(1);
		expect(await adminAction('revoke', { ...fields, confirmed: 'yes' })).toEqual({
			kind: 'redirect',
			status: 303,
			location: `/admin?person=${people.moderator}`
		});
		expect(await role()).toBe(0);
	});
});
