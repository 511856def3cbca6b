// Which claims count for what, in one place: the places a post has given away, and the claims still
// in play. Queries (Prisma and raw SQL) and pure rules all read these sets, so they cannot drift.
import { Prisma } from '../db/generated/client.ts';
import type { ClaimStatus } from '../db/generated/enums.ts';

/** A place is taken by an accepted claim, and stays taken once the help happened. */
export const PLACES_TAKEN = ['ACCEPTED', 'COMPLETED'] as const satisfies readonly ClaimStatus[];
/** A claim still under way: waiting for the poster, or accepted and not yet done. */
export const LIVE_CLAIM = ['PENDING', 'ACCEPTED'] as const satisfies readonly ClaimStatus[];

export const isTakingPlace = (status: ClaimStatus) =>
	(PLACES_TAKEN as readonly ClaimStatus[]).includes(status);
export const isLive = (status: ClaimStatus) => (LIVE_CLAIM as readonly ClaimStatus[]).includes(status);

/** A set as a SQL list, cast to the enum, for raw queries: `c.status IN (${sqlList(PLACES_TAKEN)})`. */
export const sqlList = (statuses: readonly ClaimStatus[]) =>
	Prisma.join(statuses.map((status) => Prisma.sql`${status}::"ClaimStatus"`));

/** How many people a post can take: one helper for a need, the quantity of an offer, no end if ongoing. */
export function capacityOf(post: { kind: string; quantity: number | null; ongoing: boolean }): number {
	if (post.kind === 'NEED') return 1;
	return post.ongoing ? Number.POSITIVE_INFINITY : (post.quantity ?? 1);
}

/** Places still free, never below zero; null for an ongoing offer, which has no count to show. */
export function placesLeft(
	post: { kind: string; quantity: number | null; ongoing: boolean },
	taken: number
): number | null {
	const capacity = capacityOf(post);
	return Number.isFinite(capacity) ? Math.max(0, capacity - taken) : null;
}
