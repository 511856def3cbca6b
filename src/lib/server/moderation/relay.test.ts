import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as claimPage from '../../../routes/claims/[id=id]/+page.server.ts';
import * as relayPage from '../../../routes/moderate/relay/+page.server.ts';
import * as editPage from '../../../routes/posts/[id=id]/edit/+page.server.ts';
import { acceptClaim, completeClaim, createClaim } from '../claims/lifecycle.ts';
import { markRead, notifyUnreadMessages, sendMessage } from '../claims/threads.ts';
import type { Database } from '../db/index.ts';
import { RELAY_PAGE_SIZE, relayInbox } from './relay.ts';

let db: Database;
const RUN = `r${Date.now().toString(36)}`;
const ORIGIN = 'http://relay.test';
const MINUTE = 60_000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string, isAdmin = false) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name, isAdmin } });

// Networks no other test posts in, so no other test's intake posts show in their inboxes. (Creating
// networks here would change the directory that other tests read whole.)
const NETWORKS = {
	home: 'ridgewood-mutual-aid-project',
	elsewhere: 'flushing-food-collaborative',
	page: 'ozone-park-residents-block-association',
	team: 'food-fight-brooklyn',
	other: 'feed-the-people-bedstuy',
	plain: 'red-hook-coronavirus-community-cooperative-committee',
	closing: 'rockaway-mutual-aid-support-network'
};
const network = (label: keyof typeof NETWORKS) =>
	db.network.findUniqueOrThrow({ where: { slug: NETWORKS[label] } });

async function teamMember(networkId: number, name: string) {
	const user = await person(name);
	await db.networkMembership.create({ data: { userId: user.id, networkId, role: 'MODERATOR' } });
	return { id: user.id, isAdmin: false, memberships: [{ networkId, role: 'MODERATOR' as const }] };
}

async function post(
	networkId: number,
	authorId: string,
	createdAt: Date,
	intakeName: string | null = 'Rosa'
) {
	const { id: neighborhoodId } = await db.neighborhood.findFirstOrThrow({ select: { id: true } });
	const { id } = await db.post.create({
		data: {
			kind: 'NEED',
			title: `Relay ${RUN} ${++counter}`,
			details: '',
			category: 'GROCERIES',
			neighborhoodId,
			networkId,
			timeWindow: 'THIS_WEEK',
			dueAt: createdAt,
			expiresAt: new Date(createdAt.getTime() + 14 * 24 * 60 * MINUTE),
			createdAt,
			authorId,
			intakeName,
			intakeContact: intakeName && '718 555 0199'
		},
		select: { id: true }
	});
	return id;
}

describe('the relay inbox', () => {
	it('lists its networks’ intake posts, latest activity first, a page at a time, for their team only', async () => {
		const home = await network('home');
		const elsewhere = await network('elsewhere');
		const member = await teamMember(home.id, 'Filer');
		const outsider = await teamMember(elsewhere.id, 'Outsider');
		const admin = { id: (await person('Admin', true)).id, isAdmin: true, memberships: [] };
		expect(await relayInbox(member, 1)).toEqual({ posts: [], page: 1, pages: 1 });

		const start = Date.now() - 60 * MINUTE;
		const ids: number[] = [];
		for (let i = 0; i <= RELAY_PAGE_SIZE; i++)
			ids.push(await post(home.id, member.id, new Date(start + i * MINUTE)));
		await post(home.id, member.id, new Date(), null); // not an intake post
		// The oldest post gets a reply and a message: it moves to the top, waiting, with one unread.
		const oldest = ids[0]!;
		const volunteer = await person('Volunteer');
		const claimId = await createClaim(oldest, volunteer.id, 'I can', ORIGIN);
		await sendMessage(claimId, volunteer.id, 'When suits her?');

		const first = await relayInbox(member, 1);
		expect(first.posts).toHaveLength(RELAY_PAGE_SIZE);
		expect(first.pages).toBe(2);
		expect(first.posts[0]).toMatchObject({
			id: oldest,
			intakeName: 'Rosa',
			intakeContact: '718 555 0199',
			networkName: home.name,
			status: 'OPEN',
			pending: 1,
			unread: 1,
			replies: [{ id: claimId, status: 'PENDING', claimantName: 'Volunteer', unread: 1 }]
		});
		expect(first.posts.slice(1).map((p) => p.id)).toEqual(ids.slice(2).reverse());
		expect(await relayInbox(member, 2)).toMatchObject({ posts: [{ id: ids[1] }], page: 2, pages: 2 });

		await markRead(claimId, 'poster', new Date(Date.now() + 1000));
		expect((await relayInbox(member, 1)).posts[0]?.unread).toBe(0);
		// Another network's team and an admin who is on no team see none of it.
		expect((await relayInbox(outsider, 1)).posts).toEqual([]);
		expect((await relayInbox(admin, 1)).posts).toEqual([]);
	});

	it('keeps a neighbor’s contact in view only while the post still needs relaying', async () => {
		const home = await network('closing');
		const member = await teamMember(home.id, 'Closer');
		const live = await post(home.id, member.id, new Date());
		const ended = await post(home.id, member.id, new Date());
		const endedWithReply = await post(home.id, member.id, new Date());
		const claimId = await createClaim(endedWithReply, (await person('Helper')).id, 'I can', ORIGIN);
		await acceptClaim(claimId, ORIGIN, new Date(), member.id);
		for (const [id, status] of [
			[ended, 'EXPIRED'],
			[endedWithReply, 'WITHDRAWN']
		] as const)
			await db.post.update({ where: { id }, data: { status } });

		const listed = (await relayInbox(member, 1)).posts.map((p) => p.id);
		expect(listed).toContain(live);
		// Withdrawn, but a helper is still on their way: the team may need to call her.
		expect(listed).toContain(endedWithReply);
		expect(listed).not.toContain(ended);
	});

	it('is a page for moderators only, reading its page number from the URL', async () => {
		const home = await network('page');
		const member = await teamMember(home.id, 'Paged');
		const neighbor = await person('Neighbor');
		const load = async (userId: string, query = '') =>
			call(relayPage.load, await requestEvent({ path: `/moderate/relay${query}`, userId }));
		expect(await load(neighbor.id)).toEqual({ kind: 'error', status: 404 });
		expect(await load(member.id, '?page=x')).toMatchObject({ kind: 'data', data: { page: 1, posts: [] } });
		// Past the end is the last page, as on every paged list (http/pages.ts).
		expect(await load(member.id, '?page=3')).toMatchObject({ kind: 'data', data: { page: 1, pages: 1 } });
	});
});

describe('relaying a reply', () => {
	it('lets any of the network’s team, and no one else, answer as the network, each act in its log', async () => {
		const home = await network('team');
		const elsewhere = await network('other');
		const filer = await teamMember(home.id, 'Marisol');
		const colleague = await teamMember(home.id, 'Tomas');
		const outsider = await teamMember(elsewhere.id, 'Outsider');
		const admin = await person('Admin', true);
		const volunteer = await person('Volunteer');
		const postId = await post(home.id, filer.id, new Date());
		const claimId = await createClaim(postId, volunteer.id, 'I can bring groceries', ORIGIN);
		const params = { id: String(claimId) };
		const act = async (userId: string, action: 'accept' | 'message', body = form({})) =>
			call(
				claimPage.actions[action],
				await requestEvent({ path: `/claims/${claimId}?/${action}`, params, userId, body })
			);
		const statusOf = async () => (await db.claim.findUniqueOrThrow({ where: { id: claimId } })).status;
		const log = async () =>
			(await db.moderationLogEntry.findMany({ where: { postId }, orderBy: { id: 'asc' } })).map((entry) => [
				entry.action,
				entry.actorId,
				entry.networkId
			]);

		// The actions refuse on their own, whatever a page shows.
		for (const stranger of [outsider.id, admin.id]) {
			expect(await act(stranger, 'accept'), 'accept').toEqual({ kind: 'error', status: 404 });
			expect(await act(stranger, 'message', form({ body: 'hi' })), 'message').toEqual({
				kind: 'error',
				status: 404
			});
		}
		expect(await statusOf()).toBe('PENDING');
		expect(await db.message.count({ where: { claimId } })).toBe(0);

		expect(await act(colleague.id, 'accept')).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await statusOf()).toBe('ACCEPTED');
		expect(await act(colleague.id, 'message', form({ body: 'She is home after 5' }))).toMatchObject({
			kind: 'redirect',
			status: 303
		});
		await sendMessage(claimId, volunteer.id, 'Great, see you then');
		expect(await log()).toEqual([
			['relay_accept', colleague.id, home.id],
			['relay_message', colleague.id, home.id]
		]);

		// On the poster's side, every message from the team is "ours"; the volunteer's is theirs.
		const page = await call(
			claimPage.load,
			await requestEvent({ path: `/claims/${claimId}`, params, userId: colleague.id })
		);
		expect(page).toMatchObject({ kind: 'data', data: { side: 'poster', claim: { myName: home.name } } });
		const messages = (page as { data: { claim: { messages: { mine: boolean }[] } } }).data.claim.messages;
		expect(messages.map((message) => message.mine)).toEqual([true, false]);
	});

	it('answers to the team of the day: a filer who left it neither acts nor hears, the team hears', async () => {
		const home = await network('team');
		const filer = await teamMember(home.id, 'Leaving');
		const colleague = await teamMember(home.id, 'Staying');
		const volunteer = await person('Volunteer');
		const postId = await post(home.id, filer.id, new Date());
		await db.networkMembership.delete({
			where: { userId_networkId: { userId: filer.id, networkId: home.id } }
		});
		const emailOf = async (id: string) => (await db.user.findUniqueOrThrow({ where: { id } })).email!;
		const mailsTo = async (id: string) => db.outboxMessage.count({ where: { toAddress: await emailOf(id) } });

		const claimId = await createClaim(postId, volunteer.id, 'I can bring groceries', ORIGIN);
		expect(await mailsTo(filer.id)).toBe(0);
		expect(await mailsTo(colleague.id)).toBe(1);

		const params = { id: String(claimId) };
		const asFiler = { params, userId: filer.id };
		expect(
			await call(claimPage.load, await requestEvent({ path: `/claims/${claimId}`, ...asFiler }))
		).toEqual({ kind: 'error', status: 404 });
		expect(
			await call(
				claimPage.actions.accept,
				await requestEvent({ path: `/claims/${claimId}?/accept`, ...asFiler, body: form({}) })
			)
		).toEqual({ kind: 'error', status: 404 });
		expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe('PENDING');
		const edit = await call(
			editPage.load,
			await requestEvent({ path: `/posts/${postId}/edit`, params: { id: String(postId) }, userId: filer.id })
		);
		expect(edit).toEqual({ kind: 'error', status: 404 });

		// The volunteer writes; the team is told of the unread message, the former filer is not.
		await sendMessage(claimId, volunteer.id, 'Is Friday good?');
		await notifyUnreadMessages(ORIGIN, new Date(Date.now() + 60 * MINUTE));
		expect(await mailsTo(filer.id)).toBe(0);
		expect(await mailsTo(colleague.id)).toBe(2);
	});

	it('lets the team report only the volunteer’s messages, never their own side’s', async () => {
		const home = await network('team');
		const filer = await teamMember(home.id, 'Filer');
		const colleague = await teamMember(home.id, 'Colleague');
		const volunteer = await person('Volunteer');
		const postId = await post(home.id, filer.id, new Date());
		const claimId = await createClaim(postId, volunteer.id, 'Groceries on Friday', ORIGIN);
		await acceptClaim(claimId, ORIGIN);
		const ours = await sendMessage(claimId, filer.id, 'From the hotline');
		const theirs = await sendMessage(claimId, volunteer.id, 'See you Friday');
		if (!ours.sent || !theirs.sent) throw new Error('messages not sent');
		const messageIds = await db.message.findMany({
			where: { claimId },
			orderBy: { id: 'asc' },
			select: { id: true }
		});
		const report = async (message: number) =>
			call(
				claimPage.actions.report,
				await requestEvent({
					path: `/claims/${claimId}?/report`,
					params: { id: String(claimId) },
					userId: colleague.id,
					body: form({ message: String(message), reason: 'SPAM' })
				})
			);
		const reports = () => db.report.count({ where: { postId } });

		expect(await report(messageIds[0]!.id)).toMatchObject({ kind: 'fail', status: 400 });
		expect(await reports()).toBe(0);
		expect(await report(messageIds[1]!.id)).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await reports()).toBe(1);
	});

	it('logs the team’s “it didn’t happen” like every other relayed act', async () => {
		const home = await network('team');
		const member = await teamMember(home.id, 'Nadia');
		const volunteer = await person('Volunteer');
		const postId = await post(home.id, member.id, new Date());
		const claimId = await createClaim(postId, volunteer.id, 'I can', ORIGIN);
		await acceptClaim(claimId, ORIGIN, new Date(), member.id);
		await completeClaim(claimId, 'claimant', ORIGIN);
		const outcome = await call(
			claimPage.actions.notDone,
			await requestEvent({
				path: `/claims/${claimId}?/notDone`,
				params: { id: String(claimId) },
				userId: member.id,
				body: form({})
			})
		);
		expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
		const log = await db.moderationLogEntry.findMany({ where: { postId }, orderBy: { id: 'asc' } });
		expect(log.map((entry) => [entry.action, entry.actorId])).toEqual([
			['relay_accept', member.id],
			['relay_not_done', member.id]
		]);
	});

	it('logs nothing for an ordinary post', async () => {
		const home = await network('plain');
		const poster = await person('Poster');
		const postId = await post(home.id, poster.id, new Date(), null);
		const claimId = await createClaim(postId, (await person('Helper')).id, 'I can', ORIGIN);
		await acceptClaim(claimId, ORIGIN, new Date(), poster.id);
		await sendMessage(claimId, poster.id, 'Thanks');
		expect(await db.moderationLogEntry.count({ where: { postId } })).toBe(0);
	});
});
