// Reading claims for the pages: a claim with its thread for its two people, the replies on a post for
// its poster, and one person's activity.
import { db } from '../db/index.ts';
import type { ClaimParty } from '../db/generated/enums.ts';
import { capacityOf, isTakingPlace, LIVE_CLAIM, placesLeft, PLACES_TAKEN } from './capacity.ts';
import { notDoneUntil, partyOf } from './done.ts';
import { listThread, unreadCounts, type Party } from './threads.ts';
import { isIntake, POSTER_SELECT, shownPoster } from '../posts/poster.ts';

/** What both the claim page and the poster's list of replies show of a claim. */
const CLAIM_SUMMARY = {
	id: true,
	status: true,
	note: true,
	createdAt: true,
	closedAt: true,
	doneBy: true
} as const;

/** Who marked a claim done and when, for its two people; null while nobody has. */
const doneOf = (claim: { doneBy: ClaimParty | null; closedAt: Date | null }) =>
	claim.doneBy && claim.closedAt
		? { by: partyOf(claim.doneBy), at: claim.closedAt, notDoneUntil: notDoneUntil(claim.closedAt) }
		: null;

const contactOf = (person: { email: string | null; phone: string | null; shareContact: boolean }) =>
	person.shareContact ? { email: person.email, phone: person.phone } : null;

export async function getClaimPage(claimId: number, party: Party) {
	const claim = await db.claim.findUniqueOrThrow({
		where: { id: claimId },
		select: {
			...CLAIM_SUMMARY,
			claimant: { select: { id: true, name: true, email: true, phone: true, shareContact: true } },
			post: {
				select: {
					id: true,
					kind: true,
					title: true,
					intakeName: true,
					network: { select: { name: true } },
					author: { select: { name: true, email: true, phone: true, shareContact: true } }
				}
			}
		}
	});
	const relayed = isIntake(claim.post);
	const posterName = shownPoster(claim.post).name;
	// Contact details cross only after acceptance, and only if their owner opted in. On an intake post
	// the poster's side is the network's team, whose own contact details stay theirs: the thread is the way.
	const matched = isTakingPlace(claim.status);
	const otherContact =
		party === 'poster' ? contactOf(claim.claimant) : relayed ? null : contactOf(claim.post.author);
	return {
		id: claim.id,
		status: claim.status,
		note: claim.note,
		createdAt: claim.createdAt,
		closedAt: claim.closedAt,
		doneBy: claim.doneBy,
		party,
		done: doneOf(claim),
		post: { id: claim.post.id, kind: claim.post.kind, title: claim.post.title },
		relayed,
		posterName,
		claimantName: claim.claimant.name,
		myName: party === 'poster' ? posterName : claim.claimant.name,
		otherName: party === 'poster' ? claim.claimant.name : posterName,
		otherContact: matched ? otherContact : null,
		// By side, not by sender: whoever of an intake post's team wrote, it is the poster's side.
		messages: (await listThread(claimId)).map((message) => ({
			id: message.id,
			body: message.body,
			createdAt: message.createdAt,
			mine: (message.senderId === claim.claimant.id) === (party === 'claimant')
		}))
	};
}

/**
 * What the poster sees under their post: every reply, newest first, with the places left, and the
 * languages each person who replied speaks, so she can pick someone she can talk with (sharesLanguage:
 * one of those she gave on the post).
 */
export async function repliesToPost(postId: number) {
	const [post, claims] = await Promise.all([
		db.post.findUniqueOrThrow({
			where: { id: postId },
			select: { kind: true, quantity: true, ongoing: true, languages: true }
		}),
		db.claim.findMany({
			where: { postId },
			orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
			select: { ...CLAIM_SUMMARY, claimant: { select: { name: true, languages: true } } }
		})
	]);
	const taken = claims.filter((c) => isTakingPlace(c.status)).length;
	return {
		claims: claims.map(({ closedAt, doneBy, ...claim }) => ({
			...claim,
			done: doneOf({ closedAt, doneBy }),
			sharesLanguage: claim.claimant.languages.some((language) => post.languages.includes(language))
		})),
		remaining: placesLeft(post, taken)
	};
}

export async function liveClaimBy(postId: number, claimantId: string) {
	return db.claim.findFirst({
		where: { postId, claimantId, status: { in: [...LIVE_CLAIM] } },
		select: { id: true, status: true }
	});
}

/** Places still free on an offer (null when ongoing), for the post page. */
export async function remainingPlaces(post: {
	id: number;
	kind: string;
	quantity: number | null;
	ongoing: boolean;
}) {
	if (!Number.isFinite(capacityOf(post))) return null;
	const taken = await db.claim.count({ where: { postId: post.id, status: { in: [...PLACES_TAKEN] } } });
	return placesLeft(post, taken);
}

/** One person's inbox: replies to their posts, their own replies, unread messages in each thread. */
export async function activityOf(userId: string) {
	const claimSelect = {
		id: true,
		status: true,
		note: true,
		createdAt: true,
		claimant: { select: { name: true } },
		post: { select: { id: true, title: true, kind: true, ...POSTER_SELECT } }
	} as const;
	const [onMyPosts, mine] = await Promise.all([
		db.claim.findMany({
			// Replies to an intake post are its network team's, in the relay inbox, not its filer's.
			where: { post: { authorId: userId, intakeName: null }, status: { in: [...LIVE_CLAIM] } },
			orderBy: [{ createdAt: 'desc' }],
			select: claimSelect
		}),
		db.claim.findMany({
			where: { claimantId: userId },
			orderBy: [{ createdAt: 'desc' }],
			take: 100,
			select: claimSelect
		})
	]);
	const unread = await unreadCounts(
		userId,
		[...onMyPosts, ...mine].map((c) => c.id)
	);
	// The neighbor's name on an intake post is for its network's moderators only, so it is dropped here.
	const withUnread = (claims: typeof mine) =>
		claims.map(({ post: { intakeName, author, network, ...post }, ...claim }) => ({
			...claim,
			post: { ...post, postedBy: shownPoster({ intakeName, author, network }) },
			unread: unread.get(claim.id) ?? 0
		}));
	return { onMyPosts: withUnread(onMyPosts), mine: withUnread(mine) };
}
