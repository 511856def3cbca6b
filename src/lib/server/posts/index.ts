// Writing posts: create and edit, with the privacy check and the network routing.
import { db } from '../db/index.ts';
import { isUniqueViolation } from '../db/errors.ts';
import type { Prisma } from '../db/generated/client.ts';
import { capacityOf, LIVE_CLAIM, PLACES_TAKEN } from '../claims/capacity.ts';
import type { PostStatus } from '../../posts.ts';
import {
	networksTakingPostsIn,
	pausedNetworksIn,
	speakingFirst,
	type RoutedNetwork
} from '../places/index.ts';
import { SLUG } from '../http/fields.ts';
import { dailyPlace } from '../networks/intake-queue.ts';
import { pauseNoticesOf, type PauseNotice } from '../networks/pause.ts';
import type { PostInput } from './form.ts';
import { editRefusal, expiryFrom, type ClaimsSummary, type EditRefusal } from './lifecycle.ts';
import { findPrivateDetails, type PrivacyFinding } from './privacy.ts';
import { carryEditForward, createSeries } from './series.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Stands in for "no date" so flexible posts sort after every dated one under "needed soonest". */
export const FLEXIBLE_DUE = new Date('9999-12-31T00:00:00Z');

export function dueAtFor(input: Pick<PostInput, 'timeWindow' | 'neededBy'>, from: Date): Date {
	switch (input.timeWindow) {
		case 'TODAY':
			return new Date(from.getTime() + DAY_MS);
		case 'THIS_WEEK':
			return new Date(from.getTime() + 7 * DAY_MS);
		case 'THIS_MONTH':
			return new Date(from.getTime() + 30 * DAY_MS);
		case 'BY_DATE':
			return input.neededBy ?? FLEXIBLE_DUE;
		case 'FLEXIBLE':
			return FLEXIBLE_DUE;
	}
}

/** What the post form offers when a neighborhood has several networks to choose from. */
export type NetworkChoice = RoutedNetwork & { speaksYours: boolean };

export type WriteOutcome =
	| { ok: true; id: number }
	| { ok: false; reason: 'neighborhood' }
	| { ok: false; reason: 'network'; choices: NetworkChoice[]; neighborhoodName: string }
	| { ok: false; reason: 'privacy'; findings: PrivacyFinding[] }
	| { ok: false; reason: 'suspended' }
	| { ok: false; reason: 'outside-networks' }
	| { ok: false; reason: 'paused'; pauses: PauseNotice[] }
	| { ok: false; reason: Exclude<EditRefusal, 'quantity-below-taken'> }
	| { ok: false; reason: 'quantity-below-taken'; taken: number };

type Reader = typeof db | Prisma.TransactionClient;

/** Networks may ask to see a new account's first post before it reaches the board. */
async function holdsFirstPost(networkId: number, authorId: string) {
	const network = await db.network.findUniqueOrThrow({
		where: { id: networkId },
		select: { holdFirstPosts: true }
	});
	if (!network.holdFirstPosts) return false;
	return (await db.post.count({ where: { authorId, status: { notIn: ['HELD'] } } })) === 0;
}

/** Checks what a person cannot see from the form alone: the neighborhood, its networks, private details. */
async function resolvePlacement(input: PostInput, authorId: string, onlyNetworks?: number[]) {
	const neighborhood = await findNeighborhood(db, input.neighborhood);
	if (!neighborhood) return { ok: false, reason: 'neighborhood' } as const;
	// Asked first: taking out an address matters more than which network sees the post.
	const findings = findPrivateDetails(input.title, input.details);
	if (findings.length && !input.publishAnyway) return { ok: false, reason: 'privacy', findings } as const;
	const network = await chooseNetwork(db, input, neighborhood, onlyNetworks);
	if (!network.ok) return network;
	if (await isSuspended(db, authorId, network.chosen.id)) return { ok: false, reason: 'suspended' } as const;
	return {
		ok: true,
		neighborhoodId: neighborhood.id,
		network: network.chosen,
		privacyFlagged: findings.length > 0,
		held: await holdsFirstPost(network.chosen.id, authorId)
	} as const;
}

const findNeighborhood = (reader: Reader, slug: string) =>
	reader.neighborhood.findFirst({
		where: { slug, ntaType: 'RESIDENTIAL' },
		select: { id: true, name: true }
	});

/** onlyNetworks narrows the choice, e.g. to those a moderator posting for a neighbor moderates. */
async function chooseNetwork(
	reader: Reader,
	input: PostInput,
	neighborhood: { id: number; name: string },
	onlyNetworks?: number[]
) {
	const routed: NetworkChoice[] = speakingFirst(
		await networksTakingPostsIn(neighborhood.id, reader),
		input.languages
	);
	const choices = onlyNetworks ? routed.filter((choice) => onlyNetworks.includes(choice.id)) : routed;
	const paused = await pausedHere(reader, input, neighborhood.id, choices, onlyNetworks);
	if (paused.length) return { ok: false, reason: 'paused', pauses: await pauseNoticesOf(paused) } as const;
	if (!choices.length && routed.length) return { ok: false, reason: 'outside-networks' } as const;
	const chosen =
		choices.length === 1 ? choices[0] : (choices.find((choice) => choice.id === input.network) ?? undefined);
	if (!chosen) return { ok: false, reason: 'network', choices, neighborhoodName: neighborhood.name } as const;
	return { ok: true, chosen } as const;
}

/**
 * The paused networks that stop this post, by id: for a poster, those that would have taken it when
 * no network is left to; for a moderator filing intake, their own network they chose or would have
 * landed in. Anyone else's pause only reroutes the post, silently.
 */
async function pausedHere(
	reader: Reader,
	input: PostInput,
	neighborhoodId: number,
	choices: NetworkChoice[],
	onlyNetworks?: number[]
) {
	const chosenTaking = choices.some((choice) => choice.id === input.network);
	if (chosenTaking || (choices.length && !onlyNetworks)) return [];
	const paused = (await pausedNetworksIn(neighborhoodId, reader)).map((network) => network.id);
	if (!onlyNetworks) return paused;
	const own = paused.filter((id) => onlyNetworks.includes(id));
	if (input.network !== null) return own.filter((id) => id === input.network);
	return choices.length ? [] : own;
}

/**
 * What a poster should know before writing a word: the pause of the network they came from, and, when
 * no network is taking requests in their neighborhood, the pauses of those that would have.
 */
export async function pausesBeforePosting(
	neighborhoodSlug: string,
	networkId: number | null,
	now = new Date()
) {
	const ids = new Set<number>();
	if (networkId !== null) ids.add(networkId);
	// The slug comes from the address bar: anything not shaped like one names no neighborhood.
	const neighborhood = SLUG.test(neighborhoodSlug) ? await findNeighborhood(db, neighborhoodSlug) : null;
	if (neighborhood && !(await networksTakingPostsIn(neighborhood.id, db, now)).length) {
		for (const network of await pausedNetworksIn(neighborhood.id, db, now)) ids.add(network.id);
	}
	return pauseNoticesOf([...ids], now);
}

const isSuspended = async (reader: Reader, userId: string, networkId: number) =>
	(await reader.networkSuspension.count({ where: { userId, networkId } })) > 0;

/** What a poster writes, as the form has it; the rest of a post is the app's. */
export const POST_CONTENT = {
	kind: true,
	title: true,
	details: true,
	category: true,
	timeWindow: true,
	neededBy: true,
	quantity: true,
	ongoing: true,
	languages: true,
	language: true
} as const satisfies Prisma.PostSelect;

function contentOf(input: PostInput) {
	return {
		kind: input.kind,
		title: input.title,
		details: input.details,
		category: input.category,
		timeWindow: input.timeWindow,
		neededBy: input.neededBy,
		quantity: input.quantity,
		ongoing: input.ongoing,
		languages: input.languages,
		language: input.language
	};
}

/** The content without its time window: an occurrence's day comes from its series. */
function wordsOf(input: PostInput) {
	const { timeWindow: _window, neededBy: _by, ...words } = contentOf(input);
	return words;
}

export interface Intake {
	name: string;
	contact: string;
	/** The networks the filing moderator moderates: the post must land in one of them. */
	networkIds: number[];
}

/**
 * `clientKey`: a post written offline is sent again until the device hears back, so a key the author's
 * device made finds the post it already created instead of making a second one.
 */
export async function createPost(
	authorId: string,
	input: PostInput,
	now = new Date(),
	intake?: Intake,
	clientKey?: string
): Promise<WriteOutcome> {
	const alreadySent = () =>
		clientKey
			? db.post.findUnique({ where: { authorId_clientKey: { authorId, clientKey } }, select: { id: true } })
			: null;
	const sent = await alreadySent();
	if (sent) return { ok: true, id: sent.id };
	const placement = await resolvePlacement(input, authorId, intake?.networkIds);
	if (!placement.ok) return placement;
	const status: PostStatus = placement.held ? 'HELD' : 'OPEN';
	const placed = {
		authorId,
		neighborhoodId: placement.neighborhoodId,
		networkId: placement.network.id,
		networkIsFallback: placement.network.fallback,
		privacyFlagged: placement.privacyFlagged
	};
	// Intake is filed one request at a time: a hotline call is not a standing arrangement.
	const repeat = intake ? null : input.repeat;
	const post = await db
		.$transaction(async (tx) => {
			if (repeat) {
				// A repeating request is its occurrences; the first, which keeps the key, is where the
				// poster lands.
				const template = { ...wordsOf(input), ...placed };
				return { id: await createSeries(tx, repeat, template, status, now, clientKey) };
			}
			// Only a neighbor's own request counts against the network's daily cap: an offer asks nothing
			// of its volunteers, and intake is the team's own call.
			const place =
				status === 'OPEN' && !intake && input.kind === 'NEED'
					? await dailyPlace(tx, placement.network.id, now)
					: { status, intakeDay: null };
			return tx.post.create({
				data: {
					...contentOf(input),
					...placed,
					clientKey,
					...place,
					intakeName: intake?.name ?? null,
					intakeContact: intake?.contact ?? null,
					dueAt: dueAtFor(input, now),
					createdAt: now,
					expiresAt: expiryFrom(now)
				},
				select: { id: true }
			});
		})
		// The same post sent twice at once: the other request stored it (and, for a repeating one, its
		// whole series: this one's rolled back with its first occurrence).
		.catch(async (error: unknown) => {
			const other = isUniqueViolation(error) ? await alreadySent() : null;
			if (!other) throw error;
			return other;
		});
	return { ok: true, id: post.id };
}

interface LockedPost {
	status: PostStatus;
	kind: 'NEED' | 'OFFER';
	author_id: string;
	neighborhood_id: number;
	network_id: number;
	network_is_fallback: boolean;
	created_at: Date;
	series_id: number | null;
	occurs_on: Date | null;
}

async function claimsSummary(tx: Prisma.TransactionClient, postId: number): Promise<ClaimsSummary> {
	const counts = await tx.claim.groupBy({ by: ['status'], where: { postId }, _count: true });
	const count = (statuses: readonly string[]) =>
		counts.filter((row) => statuses.includes(row.status)).reduce((sum, row) => sum + row._count, 0);
	return {
		replies: counts.reduce((sum, row) => sum + row._count, 0),
		live: count(LIVE_CLAIM),
		taken: count(PLACES_TAKEN)
	};
}

/**
 * A poster's edit, under the lifecycle's edit rules. The post row stays locked from the check to the
 * write (as an accept locks it), so a claim accepted meanwhile cannot slip between them.
 */
export async function updatePost(postId: number, input: PostInput): Promise<WriteOutcome> {
	return db.$transaction(async (tx): Promise<WriteOutcome> => {
		const [post] = await tx.$queryRaw<LockedPost[]>`
			SELECT status::text, kind::text, author_id, neighborhood_id, network_id, network_is_fallback, created_at,
			       series_id, occurs_on
			  FROM posts WHERE id = ${postId} FOR UPDATE`;
		if (!post) throw new Error(`No post ${postId}`);
		const neighborhood = await findNeighborhood(tx, input.neighborhood);
		if (!neighborhood) return { ok: false, reason: 'neighborhood' };
		const moving =
			neighborhood.id !== post.neighborhood_id ||
			(input.network !== null && input.network !== post.network_id);
		const claims = await claimsSummary(tx, postId);
		const refusal = editRefusal(post, claims, { kind: input.kind, capacity: capacityOf(input), moving });
		if (refusal === 'quantity-below-taken') return { ok: false, reason: refusal, taken: claims.taken };
		if (refusal) return { ok: false, reason: refusal };
		const findings = findPrivateDetails(input.title, input.details);
		if (findings.length && !input.publishAnyway) return { ok: false, reason: 'privacy', findings };
		let network = { id: post.network_id, fallback: post.network_is_fallback };
		if (moving) {
			const choice = await chooseNetwork(tx, input, neighborhood);
			if (!choice.ok) return choice;
			network = choice.chosen;
		}
		if (await isSuspended(tx, post.author_id, network.id)) return { ok: false, reason: 'suspended' };
		// An occurrence keeps its day: the series' rule, not the form's time window, says when it is.
		const words = wordsOf(input);
		const occurrence = { seriesId: post.series_id, occursOn: post.occurs_on };
		await tx.post.update({
			where: { id: postId },
			data: {
				...(occurrence.occursOn ? words : { ...contentOf(input), dueAt: dueAtFor(input, post.created_at) }),
				neighborhoodId: neighborhood.id,
				networkId: network.id,
				networkIsFallback: network.fallback,
				// A post moved to another network is news to that network's organizers and moderators.
				...(network.id !== post.network_id && { networkNotifiedAt: null }),
				privacyFlagged: findings.length > 0
			}
		});
		// Details a moderator must look at are in every later occurrence too, so each is flagged.
		await carryEditForward(tx, occurrence, { ...words, privacyFlagged: findings.length > 0 });
		return { ok: true, id: postId };
	});
}

/** What the edit form starts from, and who may change it. */
export async function getPostForEditing(postId: number) {
	return db.post.findUnique({
		where: { id: postId },
		select: {
			id: true,
			authorId: true,
			networkId: true,
			status: true,
			...POST_CONTENT,
			network: { select: { id: true } },
			neighborhood: { select: { slug: true } }
		}
	});
}
