// Every (post status × actor × action) cell, run through the guard the route asks (policies.can) and
// then the real domain function, on the test database. A refused cell must leave no trace: the post,
// its claims and its log entries are compared before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PostStatus } from '$lib/posts';
import { can, type SignedInActor } from '$lib/policies';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { ClaimError, createClaim, sayNotDone } from '../claims/lifecycle.ts';
import { acceptTakeIn } from '../households/take-in.ts';
import { moderate, ModerationError } from '../moderation/actions.ts';
import { postSchema, readPostForm } from './form.ts';
import { updatePost } from './index.ts';
import { expiryFrom, transition, TransitionError } from './lifecycle.ts';

const ORIGIN = 'https://each.test';
const TAKE_IN_PHONE = '+19295550299';
const RUN = `sm${Date.now().toString(36)}`;

const STATUSES = ['OPEN', 'CLAIMED', 'HELD', 'HIDDEN', 'WITHDRAWN', 'EXPIRED', 'FULFILLED'] as const;
const ACTORS = ['poster', 'stranger', 'network moderator', 'other network moderator', 'admin'] as const;
const ACTIONS = [
	'edit',
	'withdraw',
	'renew',
	'hide',
	'restore',
	'close',
	'approve',
	'claim',
	'notDone',
	'takeIn'
] as const;
type ActorName = (typeof ACTORS)[number];
type ActionName = (typeof ACTIONS)[number];

let db: Database;
let people = 0;
const actors = {} as Record<ActorName, SignedInActor>;
let place: { neighborhoodId: number; networkId: number };

async function signedIn(isAdmin = false, moderates?: number): Promise<SignedInActor> {
	const user = await db.user.create({
		data: { email: `${RUN}-${++people}@example.org`, name: `Person ${people}`, uiLocale: 'en', isAdmin }
	});
	if (moderates) {
		await db.networkMembership.create({ data: { userId: user.id, networkId: moderates, role: 'MODERATOR' } });
	}
	return {
		id: user.id,
		isAdmin,
		memberships: moderates ? [{ networkId: moderates, role: 'MODERATOR' }] : []
	};
}

beforeAll(async () => {
	db = await useTestDatabase();
	const neighborhood = await db.neighborhood.findFirstOrThrow({ where: { slug: 'kensington' } });
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'kensington-group-for-mutual-aid' } });
	const other = await db.network.findUniqueOrThrow({ where: { slug: 'woodbine-mutual-aid' } });
	place = { neighborhoodId: neighborhood.id, networkId: network.id };
	actors.poster = await signedIn();
	actors.stranger = await signedIn();
	actors['network moderator'] = await signedIn(false, network.id);
	actors['other network moderator'] = await signedIn(false, other.id);
	actors.admin = await signedIn(true);
});
// The household a yes adds goes with the run.
afterAll(async () => {
	await db.household.deleteMany({ where: { networkId: place.networkId, phone: TAKE_IN_PHONE } });
	await disconnectDatabase();
});

/** A need in the given status, made directly: the cells test the actions, not how posts got there. */
async function postIn(status: PostStatus) {
	const now = new Date();
	const post = await db.post.create({
		data: {
			kind: 'NEED',
			status,
			title: `Groceries ${RUN}`,
			details: '',
			category: 'GROCERIES',
			timeWindow: 'THIS_WEEK',
			dueAt: now,
			expiresAt: expiryFrom(now),
			closedAt: ['OPEN', 'CLAIMED', 'HELD'].includes(status) ? null : now,
			hiddenReason: status === 'HIDDEN' ? 'Spam' : null,
			authorId: actors.poster.id,
			...place
		}
	});
	// A claimed need has its helper; a fulfilled one had it, and the helper marked it done just now.
	if (status === 'CLAIMED' || status === 'FULFILLED') {
		const helper = await signedIn();
		const fulfilled = status === 'FULFILLED';
		await db.claim.create({
			data: {
				postId: post.id,
				claimantId: helper.id,
				note: '',
				status: fulfilled ? 'COMPLETED' : 'ACCEPTED',
				doneBy: fulfilled ? 'CLAIMANT' : null,
				closedAt: fulfilled ? now : null
			}
		});
	}
	return post.id;
}

const edited = () => {
	const form = new FormData();
	for (const [key, value] of Object.entries({
		kind: 'NEED',
		title: `Edited ${RUN}`,
		category: 'GROCERIES',
		neighborhood: 'kensington',
		timeWindow: 'THIS_WEEK'
	})) {
		form.append(key, value);
	}
	return postSchema.parse(readPostForm(form));
};

/** What the route does: the awaited guard first, then the domain function; a refusal either way. */
async function attempt(name: ActorName, action: ActionName, postId: number): Promise<'done' | 'refused'> {
	const actor = actors[name];
	const post = await db.post.findUniqueOrThrow({ where: { id: postId } });
	const asPost = { type: 'post', authorId: post.authorId, networkId: post.networkId } as const;
	const asNetwork = { type: 'network', id: post.networkId } as const;
	const helped = await db.claim.findFirst({ where: { postId }, orderBy: { id: 'desc' } });
	const asClaim =
		helped &&
		({
			type: 'claim',
			posterId: post.authorId,
			claimantId: helped.claimantId,
			doneBy: helped.doneBy
		} as const);
	const allowed = {
		edit: can(actor, 'post:edit', asPost),
		withdraw: can(actor, 'post:withdraw', asPost),
		renew: can(actor, 'post:renew', asPost),
		claim: can(actor, 'claim:create', asPost),
		hide: can(actor, 'network:moderate', asNetwork),
		restore: can(actor, 'network:moderate', asNetwork),
		close: can(actor, 'network:moderate', asNetwork),
		approve: can(actor, 'network:moderate', asNetwork),
		notDone: !!asClaim && can(actor, 'claim:notDone', asClaim),
		takeIn: can(actor, 'post:answerTakeIn', asPost)
	}[action];
	if (!allowed) return 'refused';
	try {
		switch (action) {
			case 'edit':
				return (await updatePost(postId, edited())).ok ? 'done' : 'refused';
			case 'withdraw':
			case 'renew':
				await transition(postId, action);
				return 'done';
			case 'claim':
				await createClaim(postId, actor.id, 'I can help', ORIGIN);
				return 'done';
			case 'notDone':
				await sayNotDone(helped!.id, actor.id === post.authorId ? 'poster' : 'claimant', ORIGIN);
				return 'done';
			case 'takeIn':
				return (await acceptTakeIn(postId, { name: `Poster ${RUN}`, phone: TAKE_IN_PHONE })).ok
					? 'done'
					: 'refused';
			default:
				await moderate(actor.id, postId, action, { reason: 'Checked' });
				return 'done';
		}
	} catch (problem) {
		if (problem instanceof TransitionError || problem instanceof ClaimError) return 'refused';
		if (problem instanceof ModerationError) return 'refused';
		throw problem;
	}
}

const MODERATORS: ActorName[] = ['network moderator', 'admin'];
const ANSWERERS: ActorName[] = ['stranger', 'network moderator', 'other network moderator', 'admin'];

/** Who may do each action, and from which statuses; everything else is refused. */
const RULES: Record<
	ActionName,
	{ who: ActorName[]; from: PostStatus[]; to: (from: PostStatus) => PostStatus }
> = {
	edit: { who: ['poster'], from: ['OPEN'], to: () => 'OPEN' },
	withdraw: { who: ['poster'], from: ['OPEN', 'CLAIMED', 'HELD'], to: () => 'WITHDRAWN' },
	renew: { who: ['poster'], from: ['OPEN', 'EXPIRED'], to: () => 'OPEN' },
	hide: { who: MODERATORS, from: ['OPEN', 'CLAIMED'], to: () => 'HIDDEN' },
	restore: { who: MODERATORS, from: ['HIDDEN'], to: () => 'OPEN' },
	close: { who: MODERATORS, from: ['OPEN', 'CLAIMED', 'HELD'], to: () => 'WITHDRAWN' },
	// Approving clears a privacy flag and dismisses reports on any post; only a held one changes status.
	approve: { who: MODERATORS, from: [...STATUSES], to: (from) => (from === 'HELD' ? 'OPEN' : from) },
	claim: { who: ANSWERERS, from: ['OPEN'], to: () => 'OPEN' },
	// The helper marked the need done; only its poster may say it didn't happen, and it is claimed again.
	notDone: { who: ['poster'], from: ['FULFILLED'], to: () => 'CLAIMED' },
	// A network offered it a place on its household roster (each cell has the offer): the poster's yes
	// takes an open need off the board, and only an open one.
	takeIn: { who: ['poster'], from: ['OPEN'], to: () => 'WITHDRAWN' }
};

type Cell = [status: PostStatus, actor: ActorName, action: ActionName, expected: 'done' | 'refused'];
const cells: Cell[] = STATUSES.flatMap((status) =>
	ACTORS.flatMap((actor) =>
		ACTIONS.map((action): Cell => {
			const rule = RULES[action];
			return [
				status,
				actor,
				action,
				rule.who.includes(actor) && rule.from.includes(status) ? 'done' : 'refused'
			];
		})
	)
);

const snapshot = async (postId: number) => ({
	post: await db.post.findUniqueOrThrow({ where: { id: postId } }),
	claims: await db.claim.findMany({ where: { postId }, orderBy: { id: 'asc' } }),
	log: await db.moderationLogEntry.findMany({ where: { postId }, orderBy: { id: 'asc' } }),
	offer: await db.takeInOffer.findUnique({ where: { postId } }),
	requests: await db.householdRequest.findMany({ where: { postId } })
});

describe('a post’s state machine', () => {
	it('covers every status, actor and action', () => {
		expect(cells).toHaveLength(STATUSES.length * ACTORS.length * ACTIONS.length);
	});

	it.each(cells)('%s post, %s, %s → %s', async (status, actor, action, expected) => {
		const postId = await postIn(status);
		if (action === 'takeIn') await db.takeInOffer.create({ data: { postId, networkId: place.networkId } });
		const before = await snapshot(postId);
		expect(await attempt(actor, action, postId)).toBe(expected);
		const after = await snapshot(postId);
		if (expected === 'refused') {
			expect(after).toEqual(before);
			return;
		}
		expect(after.post.status).toBe(RULES[action].to(status));
		if (action === 'claim') expect(after.claims).toHaveLength(before.claims.length + 1);
		if (action === 'notDone') expect(after.claims.map((claim) => claim.status)).toEqual(['ACCEPTED']);
		if (action === 'takeIn') expect(after.requests).toMatchObject([{ source: 'board', status: 'OPEN' }]);
		if (['hide', 'restore', 'close', 'approve'].includes(action)) {
			expect(after.log.map((entry) => [entry.action, entry.actorId])).toEqual([[action, actors[actor].id]]);
		}
	});
});
