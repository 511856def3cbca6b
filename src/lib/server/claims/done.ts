// "Done" is said by one of a claim's two people, so the other one may answer "it didn't happen" for a
// while. Pure rules: the pages ask them for their buttons, and lifecycle.ts builds its conditional
// update from the same window, so a refused click changes nothing.
import type { ClaimParty, ClaimStatus } from '../db/generated/enums.ts';
import type { Party } from './threads.ts';

/**
 * A week: long enough for someone who reads their mail once a week to see "marked done" and answer,
 * short enough that "done" then settles, well before the thread is deleted (THREAD_RETENTION_DAYS).
 */
export const NOT_DONE_DAYS = 7;
const DAY_MS = 24 * 60 * 60 * 1000;

export const PARTY_VALUE = { poster: 'POSTER', claimant: 'CLAIMANT' } as const satisfies Record<
	Party,
	ClaimParty
>;
export const partyOf = (value: ClaimParty): Party => (value === 'POSTER' ? 'poster' : 'claimant');
export const otherParty = (party: Party): Party => (party === 'poster' ? 'claimant' : 'poster');

/** Claims marked done before this moment are settled. */
export const notDoneSince = (now: Date) => new Date(now.getTime() - NOT_DONE_DAYS * DAY_MS);
/** The last moment to say a claim marked done at `closedAt` didn't happen. */
export const notDoneUntil = (closedAt: Date) => new Date(closedAt.getTime() + NOT_DONE_DAYS * DAY_MS);

/** Whether this person may still say the help didn't happen: the other one marked it done, lately. */
export function canSayNotDone(
	claim: { status: ClaimStatus; doneBy: ClaimParty | null; closedAt: Date | null },
	party: Party,
	now = new Date()
) {
	return (
		claim.status === 'COMPLETED' &&
		claim.doneBy === PARTY_VALUE[otherParty(party)] &&
		!!claim.closedAt &&
		claim.closedAt > notDoneSince(now)
	);
}
