// The one owner of a claim's status, and of what claims do to their post. A claim on a need is "I can
// help"; a claim on an offer is "I'd like this". Acceptance locks the post row (SELECT … FOR UPDATE) and
// counts the places taken inside the same transaction, so two accepts can never overfill a post,
// whatever the number of app instances. Every change mails the other person through the outbox.
import type { ClaimStatus } from '../db/generated/enums.ts';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { mailDueRows } from '../mail/due.ts';
import { transition, type PostEvent } from '../posts/lifecycle.ts';
import { askAgainNote, mailPlaceOpened } from './again.ts';
import { capacityOf, isLive, LIVE_CLAIM, PLACES_TAKEN } from './capacity.ts';
import { notDoneSince, otherParty, PARTY_VALUE } from './done.ts';
import { mailAbout } from './mail.ts';
import type { Party } from './threads.ts';
import { recordRelay, relayTarget, type RelayTarget } from '../moderation/relay.ts';
import { textNeighborOffered } from '../moderation/text-intake.ts';

export const PENDING_HOURS = 48;
export const CHECK_IN_DAYS = 5;
const HOUR = 60 * 60 * 1000;

/** Its two people talk while a claim is under way; a declined, withdrawn or finished one is over. */
export const canMessage = (status: ClaimStatus) => isLive(status);

export type ClaimProblem =
	'not-open' | 'own-post' | 'already-claimed' | 'full' | 'status' | 'locked' | 'suspended' | 'cap';

export class ClaimError extends Error {
	constructor(readonly problem: ClaimProblem) {
		super(problem);
	}
}

type Tx = Prisma.TransactionClient;

interface LockedPost {
	id: number;
	kind: 'NEED' | 'OFFER';
	status: string;
	quantity: number | null;
	ongoing: boolean;
	title: string;
	author_id: string;
	network_id: number;
	claims_locked: boolean;
	intake_name: string | null;
}

/** Locks the post for the rest of the transaction: every accept on it waits its turn here. */
async function lockPost(tx: Tx, postId: number): Promise<LockedPost> {
	const [post] = await tx.$queryRaw<LockedPost[]>`
		SELECT id, kind::text, status::text, quantity, ongoing, title, author_id, network_id, claims_locked,
		       intake_name
		  FROM posts WHERE id = ${postId} FOR UPDATE`;
	if (!post) throw new ClaimError('not-open');
	return post;
}

/** A claim's post, locked, and what recordRelay needs of both, from the reads the move makes anyway. */
async function lockClaimPost(tx: Tx, claimId: number) {
	const { postId, claimantId } = await tx.claim.findUniqueOrThrow({
		where: { id: claimId },
		select: { postId: true, claimantId: true }
	});
	const post = await lockPost(tx, postId);
	const relay: RelayTarget = {
		claimantId,
		post: { id: post.id, networkId: post.network_id, intakeName: post.intake_name }
	};
	return { postId, post, relay };
}

async function placesTaken(tx: Tx, postId: number) {
	return tx.claim.count({ where: { postId, status: { in: [...PLACES_TAKEN] } } });
}

/** Moves a claim from one of `from` to `to`, or throws: the conditional update is the guard against races. */
async function move(
	tx: Tx,
	claimId: number,
	from: ClaimStatus[],
	data: Prisma.ClaimUpdateManyMutationInput,
	also: Prisma.ClaimWhereInput = {}
) {
	const { count } = await tx.claim.updateMany({
		where: { ...also, id: claimId, status: { in: from } },
		data
	});
	if (count !== 1) throw new ClaimError('status');
}

/**
 * Refuses a claim past the network's cap on live claims per volunteer. Two claims by one person on two
 * different posts lock different post rows, so the count is taken under a lock on the person's row:
 * their claims queue here one at a time, on any app instance, and each counts the one before it. NO KEY
 * UPDATE, so rows merely referring to the person (a message, another claim's foreign key) never wait.
 */
async function holdWithinCap(tx: Tx, claimantId: string, networkId: number) {
	const { claimCap } = await tx.network.findUniqueOrThrow({
		where: { id: networkId },
		select: { claimCap: true }
	});
	if (claimCap === null) return;
	await tx.$queryRaw`SELECT id FROM users WHERE id = ${claimantId} FOR NO KEY UPDATE`;
	const held = await tx.claim.count({
		where: { claimantId, status: { in: [...LIVE_CLAIM] }, post: { networkId } }
	});
	if (held >= claimCap) throw new ClaimError('cap');
}

/**
 * The rules and the write of a new claim, in the caller's transaction, with no mail: createClaim, and a
 * standing commitment claiming a series' occurrences at once (claims/standing.ts). `capped: false`
 * skips the network's cap, for a commitment already counted once against it.
 */
export async function openClaim(
	tx: Tx,
	postId: number,
	claimantId: string,
	note: string,
	{ capped = true } = {}
) {
	const post = await lockPost(tx, postId);
	if (post.status !== 'OPEN') throw new ClaimError('not-open');
	if (post.author_id === claimantId) throw new ClaimError('own-post');
	if (post.claims_locked) throw new ClaimError('locked');
	const suspended = await tx.networkSuspension.count({
		where: { userId: claimantId, networkId: post.network_id }
	});
	if (suspended) throw new ClaimError('suspended');
	const live = await tx.claim.findFirst({
		where: { postId, claimantId, status: { in: [...LIVE_CLAIM] } },
		select: { id: true }
	});
	if (live) throw new ClaimError('already-claimed');
	if (capped) await holdWithinCap(tx, claimantId, post.network_id);
	const claim = await tx.claim.create({ data: { postId, claimantId, note }, select: { id: true } });
	return claim.id;
}

export async function createClaim(postId: number, claimantId: string, note: string, origin: string) {
	return db.$transaction(async (tx) => {
		const claimId = await openClaim(tx, postId, claimantId, note);
		await mailAbout(tx, claimId, 'offered', 'poster', origin);
		await textNeighborOffered(tx, postId);
		return claimId;
	});
}

/**
 * Accepts a claim in the caller's transaction. `mail: false` leaves telling its claimant to the caller
 * (a standing commitment is told once for all its occurrences); anyone turned away is always told.
 */
export async function acceptWithin(
	tx: Tx,
	claimId: number,
	origin: string,
	now: Date,
	{ actorId, mail = true }: { actorId?: string; mail?: boolean } = {}
) {
	const { postId, post, relay } = await lockClaimPost(tx, claimId);
	if (post.status !== 'OPEN') throw new ClaimError(post.status === 'CLAIMED' ? 'full' : 'not-open');
	const capacity = capacityOf(post);
	const taken = await placesTaken(tx, postId);
	if (taken >= capacity) throw new ClaimError('full');
	await move(tx, claimId, ['PENDING'], { status: 'ACCEPTED', acceptedAt: now });
	if (actorId) await recordRelay(tx, relay, actorId, 'accept');
	if (mail) await mailAbout(tx, claimId, 'accepted', 'claimant', origin);
	if (taken + 1 >= capacity) {
		await transition(postId, 'fill', now, tx);
		// Everyone still waiting is told kindly that the places are taken.
		const waiting = await tx.claim.findMany({ where: { postId, status: 'PENDING' }, select: { id: true } });
		for (const other of waiting) {
			await move(tx, other.id, ['PENDING'], { status: 'DECLINED', closedAt: now, declinedFull: true });
			await mailAbout(tx, other.id, 'declined', 'claimant', origin);
		}
	}
}

/** actorId: who accepted, so a relay team member's act on an intake post is logged (moderation/relay.ts). */
export async function acceptClaim(claimId: number, origin: string, now = new Date(), actorId?: string) {
	await db.$transaction((tx) => acceptWithin(tx, claimId, origin, now, { actorId }));
}

export async function declineClaim(claimId: number, origin: string, now = new Date(), actorId?: string) {
	await db.$transaction(async (tx) => {
		await move(tx, claimId, ['PENDING'], { status: 'DECLINED', closedAt: now });
		if (actorId) await recordRelay(tx, await relayTarget(tx, claimId), actorId, 'decline');
		await mailAbout(tx, claimId, 'declined', 'claimant', origin);
	});
}

/** A claimant takes back a pending claim, in the caller's transaction, with no mail. */
export const withdrawWithin = (tx: Tx, claimId: number, now: Date) =>
	move(tx, claimId, ['PENDING'], { status: 'WITHDRAWN', closedAt: now });

export async function withdrawClaim(claimId: number, origin: string, now = new Date()) {
	await db.$transaction(async (tx) => {
		await withdrawWithin(tx, claimId, now);
		await mailAbout(tx, claimId, 'withdrawn', 'poster', origin);
	});
}

/**
 * Ends the replies someone still holds (on the posts `on` matches, or all): pending ones withdrawn,
 * accepted ones released so their posts open again. Nobody is mailed here: stepping back and going
 * away tell the poster once for a whole series, and a person leaving the site takes their name with
 * them. Returns how many ended.
 */
export async function endClaimsOf(
	tx: Tx,
	claimantId: string,
	on: Prisma.PostWhereInput | undefined,
	origin: string,
	now: Date
) {
	const live = await tx.claim.findMany({
		where: { claimantId, status: { in: [...LIVE_CLAIM] }, ...(on && { post: on }) },
		select: { id: true, status: true }
	});
	for (const claim of live) {
		if (claim.status === 'ACCEPTED')
			await endWithin(tx, claim.id, 'released', 'claimant', origin, now, { mail: false });
		else await withdrawWithin(tx, claim.id, now);
	}
	return live.length;
}

/** The two ways an accepted claim ends, and which move (if any) each makes its post take. */
const ENDINGS = {
	/** The place opens again. */
	released: { status: 'RELEASED', postMove: (post) => (post.status === 'CLAIMED' ? 'release' : null) },
	/** A need is then fulfilled; an offer's place stays taken. */
	completed: { status: 'COMPLETED', postMove: (post) => (post.kind === 'NEED' ? 'fulfill' : null) }
} satisfies Record<string, { status: ClaimStatus; postMove: (post: LockedPost) => PostEvent | null }>;

/**
 * Either side ends an accepted claim in the caller's transaction; with `mail` the other one is told
 * (a standing commitment stepping back tells its poster once for every occurrence).
 */
export async function endWithin(
	tx: Tx,
	claimId: number,
	ending: keyof typeof ENDINGS,
	by: Party,
	origin: string,
	now: Date,
	{ actorId, mail = true }: { actorId?: string; mail?: boolean } = {}
) {
	const { status, postMove } = ENDINGS[ending];
	const { postId, post, relay } = await lockClaimPost(tx, claimId);
	const doneBy = ending === 'completed' ? PARTY_VALUE[by] : null;
	await move(tx, claimId, ['ACCEPTED'], { status, closedAt: now, doneBy });
	if (actorId) await recordRelay(tx, relay, actorId, ending === 'released' ? 'release' : 'complete');
	const event = postMove(post);
	if (event) await transition(postId, event, now, tx);
	// Whoever was turned away because the offer was full may want the place that just opened.
	if (event === 'release' && post.kind === 'OFFER') await mailPlaceOpened(tx, postId, origin, now);
	if (mail) await mailAbout(tx, claimId, ending, otherParty(by), origin);
}

/** Either side ends an accepted claim; the other one is told. */
async function endAccepted(
	claimId: number,
	ending: keyof typeof ENDINGS,
	by: Party,
	origin: string,
	now: Date,
	actorId?: string
) {
	await db.$transaction((tx) => endWithin(tx, claimId, ending, by, origin, now, { actorId }));
}

/** `actorId`: a network team member acting for the poster of an intake post, for the network's log. */
type Ending = (claimId: number, by: Party, origin: string, now?: Date, actorId?: string) => Promise<void>;

export const releaseClaim: Ending = (claimId, by, origin, now = new Date(), actorId) =>
	endAccepted(claimId, 'released', by, origin, now, actorId);

export const completeClaim: Ending = (claimId, by, origin, now = new Date(), actorId) =>
	endAccepted(claimId, 'completed', by, origin, now, actorId);

/**
 * The other person says the help didn't happen after all: the claim is accepted again and a need
 * claimed again. Status, person and window are one conditional update (the rule of canSayNotDone).
 */
export const sayNotDone: Ending = async (claimId, by, origin, now = new Date(), actorId) => {
	await db.$transaction(async (tx) => {
		const { postId, post, relay } = await lockClaimPost(tx, claimId);
		await move(
			tx,
			claimId,
			['COMPLETED'],
			{ status: 'ACCEPTED', closedAt: null, doneBy: null },
			{ doneBy: PARTY_VALUE[otherParty(by)], closedAt: { gt: notDoneSince(now) } }
		);
		if (actorId) await recordRelay(tx, relay, actorId, 'not_done');
		if (post.kind === 'NEED') await transition(postId, 'unfulfill', now, tx);
		await mailAbout(tx, claimId, 'not-done', otherParty(by), origin);
	});
};

/** One click for someone turned away from a full offer: their earlier note, through every rule of createClaim. */
export async function askAgain(postId: number, claimantId: string, origin: string) {
	const post = await db.post.findUniqueOrThrow({
		where: { id: postId },
		select: { id: true, kind: true, status: true }
	});
	const note = await askAgainNote(post, claimantId);
	if (note === null) throw new ClaimError('status');
	return createClaim(postId, claimantId, note, origin);
}

/** Pending claims the poster never answered end after 48 hours. Safe to run from several instances. */
export async function expirePendingClaims(origin: string, now = new Date()) {
	return mailDueRows({
		find: () =>
			db.claim.findMany({
				where: { status: 'PENDING', createdAt: { lte: new Date(now.getTime() - PENDING_HOURS * HOUR) } },
				select: { id: true },
				take: 500
			}),
		claim: (tx, { id }) =>
			tx.claim.updateMany({ where: { id, status: 'PENDING' }, data: { status: 'EXPIRED', closedAt: now } }),
		send: async (tx, { id }) => {
			await mailAbout(tx, id, 'expired', 'claimant', origin);
			return true;
		}
	});
}

/**
 * "Did this happen?" to both, once: five days after acceptance with nobody marking it done, or, for an
 * occurrence of a repeating request, the day after its day. One volunteer's occurrences of one series due
 * together are one question to each of the two (the first claim's thread answers for the others).
 */
export async function sendCheckIns(origin: string, now = new Date()) {
	const yesterday = new Date(now.getTime() - 24 * HOUR);
	const due = {
		status: 'ACCEPTED',
		checkInSentAt: null,
		OR: [
			{ acceptedAt: { lte: new Date(now.getTime() - CHECK_IN_DAYS * 24 * HOUR) }, post: { occursOn: null } },
			{ post: { occursOn: { lte: yesterday } } }
		]
	} satisfies Prisma.ClaimWhereInput;
	return mailDueRows({
		find: () =>
			db.claim.findMany({
				where: due,
				select: { id: true, claimantId: true, post: { select: { seriesId: true } } },
				take: 500
			}),
		claim: (tx, { id, claimantId, post }) =>
			tx.claim.updateMany({
				where:
					post.seriesId === null
						? { id, checkInSentAt: null }
						: { ...due, claimantId, post: { seriesId: post.seriesId } },
				data: { checkInSentAt: now }
			}),
		send: async (tx, { id }) => {
			await mailAbout(tx, id, 'checkin', 'poster', origin);
			await mailAbout(tx, id, 'checkin', 'claimant', origin);
			return true;
		}
	});
}
