// The malformed requests that used to end in a 500 with a stack trace, each through its real handler:
// now a 400 for the form, or a 404, and nothing written. The fuzz suite (fuzz.test.ts) looks for more.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as adminPage from '../../src/routes/admin/+page.server.ts';
import * as postsApi from '../../src/routes/api/posts/+server.ts';
import * as boardPage from '../../src/routes/board/+page.server.ts';
import * as claimPage from '../../src/routes/claims/[id=id]/+page.server.ts';
import * as intakePage from '../../src/routes/moderate/intake/+page.server.ts';
import * as moderatePostPage from '../../src/routes/moderate/posts/[id=id]/+page.server.ts';
import * as postPage from '../../src/routes/posts/[id=id]/+page.server.ts';
import * as newPostPage from '../../src/routes/posts/new/+page.server.ts';
import * as signoutPage from '../../src/routes/signout/+page.server.ts';
import * as welcomePage from '../../src/routes/welcome/+page.server.ts';
import { initAuth } from '../../src/lib/server/auth/index.ts';
import { createClaim } from '../../src/lib/server/claims/lifecycle.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { call, form, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `mi${Date.now().toString(36)}`;
const people = { poster: '', helper: '', admin: '' };
let postId = 0;
let claimId = 0;

beforeAll(async () => {
	db = await useTestDatabase();
	// Sign-out hands over to Auth.js, which needs its secret as at startup.
	process.env.AUTH_SECRET ||= 'test-only-secret-not-used-anywhere-else';
	await initAuth();
	const user = (name: string, isAdmin = false) =>
		db.user.create({
			data: { email: `${name}-${RUN}@example.org`, name, isAdmin, profileCompletedAt: new Date() }
		});
	const [poster, helper, admin] = await Promise.all([user('poster'), user('helper'), user('admin', true)]);
	Object.assign(people, { poster: poster.id, helper: helper.id, admin: admin.id });
	const fields = { kind: 'NEED', title: `Malformed ${RUN}`, category: 'MEALS', neighborhood: 'kensington' };
	const created = await createPost(
		poster.id,
		postSchema.parse(readPostForm(form({ ...fields, timeWindow: 'TODAY' })))
	);
	if (!created.ok) throw new Error(JSON.stringify(created));
	postId = created.id;
	claimId = await createClaim(postId, helper.id, 'I can help', 'http://localhost');
});
afterAll(disconnectDatabase);

const notCrashed = { kind: expect.stringMatching(/^(fail|error|redirect|data)$/) };

describe('malformed input is refused, not a 500', () => {
	it.each([
		['a NUL byte in the board search', '/board?q=a%00b'],
		['a NUL byte in the cursor', '/board?cursor=%00']
	])('%s', async (_, path) => {
		const event = await requestEvent({ path });
		expect(await call(boardPage.load, event)).toMatchObject({ kind: 'data' });
		expect(
			await call(postsApi.GET, await requestEvent({ path: path.replace('/board', '/api/posts') }))
		).toMatchObject({ kind: 'data' });
	});

	it.each(['kens%00ington', '%00', 'Kensington%20East'])(
		'a neighborhood of %j on the post form is an empty choice, not a 500',
		async (neighborhood) => {
			const event = await requestEvent({
				path: `/posts/new?neighborhood=${neighborhood}`,
				userId: people.poster
			});
			expect(await call(newPostPage.load, event)).toMatchObject({ kind: 'data', data: { pauses: [] } });
		}
	);

	it.each(['abc', '2147483648', '-1', ''])('a reply id of %j to accept is a 404', async (claim) => {
		const event = await requestEvent({
			path: `/posts/${postId}?/accept`,
			params: { id: String(postId) },
			userId: people.poster,
			body: form({ claim })
		});
		expect(await call(postPage.actions.accept, event)).toEqual({ kind: 'error', status: 404 });
		expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe('PENDING');
	});

	it.each(['abc', '2147483648'])('reporting message %j on a claim is a form error', async (message) => {
		const event = await requestEvent({
			path: `/claims/${claimId}?/report`,
			params: { id: String(claimId) },
			userId: people.poster,
			body: form({ message, reason: 'SPAM' })
		});
		expect(await call(claimPage.actions.report, event)).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { form: 'report', errors: { message: expect.any(String) } }
		});
	});

	it('a NUL byte in a message is a form error and sends nothing', async () => {
		const event = await requestEvent({
			path: `/claims/${claimId}?/message`,
			params: { id: String(claimId) },
			userId: people.poster,
			body: form({ body: 'hello\u0000there' })
		});
		expect(await call(claimPage.actions.message, event)).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { form: 'message', errors: { body: expect.any(String) } }
		});
		expect(await db.message.count({ where: { claimId } })).toBe(0);
	});

	it.each([
		{ request: 'abc', decision: 'approve' },
		{ request: '2147483648', decision: 'approve' }
	])('an organizer-request decision on %j is a form error', async (fields) => {
		const event = await requestEvent({ path: '/admin?/decide', userId: people.admin, body: form(fields) });
		expect(await call(adminPage.actions.decide, event)).toMatchObject({ kind: 'fail', status: 400 });
	});

	it.each([
		['a missing person', () => ({ userId: 'no-such-user', networkId: '1', role: 'MODERATOR' })],
		['a missing network', () => ({ userId: people.helper, networkId: '999999', role: 'MODERATOR' })],
		['an out-of-range network', () => ({ userId: people.helper, networkId: '2147483648', role: 'MODERATOR' })]
	])('granting a role to %s is a form error and grants nothing', async (_, fields) => {
		const event = await requestEvent({ path: '/admin?/grant', userId: people.admin, body: form(fields()) });
		expect(await call(adminPage.actions.grant, event)).toMatchObject({ kind: 'fail', status: 400 });
		expect(await db.networkMembership.count({ where: { userId: people.helper } })).toBe(0);
	});

	it('a hand-off to a network that does not exist is a form error and leaves the post where it was', async () => {
		const before = await db.post.findUniqueOrThrow({ where: { id: postId } });
		const event = await requestEvent({
			path: `/moderate/posts/${postId}?/moderate`,
			params: { id: String(postId) },
			userId: people.admin,
			body: form({ action: 'handoff', target: '999999' })
		});
		expect(await call(moderatePostPage.actions.moderate, event)).toMatchObject({ kind: 'fail', status: 400 });
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).networkId).toBe(before.networkId);
	});

	it.each(['sideways', 'hide'])(
		'moderator action %j without what it needs is a form error',
		async (action) => {
			const event = await requestEvent({
				path: `/moderate/posts/${postId}?/moderate`,
				params: { id: String(postId) },
				userId: people.admin,
				body: form({ action })
			});
			expect(await call(moderatePostPage.actions.moderate, event)).toMatchObject({
				kind: 'fail',
				status: 400
			});
		}
	);

	it('a NUL byte in an intake name is a form error and posts nothing', async () => {
		const network = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { networkId: true } });
		const body = form({
			kind: 'NEED',
			title: `Intake ${RUN}`,
			category: 'MEALS',
			neighborhood: 'kensington',
			timeWindow: 'TODAY',
			network: String(network.networkId),
			intakeName: 'Ms.\u0000Rivera',
			intakeContact: '718 555 0100'
		});
		const event = await requestEvent({ path: '/moderate/intake', userId: people.admin, body });
		expect(await call(intakePage.actions.default, event)).toMatchObject({ kind: 'fail', status: 400 });
		expect(await db.post.count({ where: { authorId: people.admin } })).toBe(0);
	});

	it.each(['/\u0000/x', '/caf\u00e9\u0007', 'kensington'])('a next of %j goes home instead', async (next) => {
		const signout = await requestEvent({
			path: '/signout',
			userId: people.helper,
			body: form({ redirectTo: next })
		});
		expect(await call(signoutPage.actions.default, signout)).toMatchObject(notCrashed);
		const welcome = await requestEvent({
			path: `/welcome?next=${encodeURIComponent(next)}`,
			userId: people.helper
		});
		expect(await call(welcomePage.load, welcome)).toMatchObject(notCrashed);
	});
});
