import { describe, expect, it } from 'vitest';
import type { PostStatus } from '$lib/posts';
import {
	canTransition,
	editRefusal,
	posterMoves,
	visibleTo,
	type ClaimsSummary,
	type EditChange,
	type EditRefusal
} from './lifecycle.ts';

const none: ClaimsSummary = { replies: 0, live: 0, taken: 0 };
const declinedOnly: ClaimsSummary = { replies: 1, live: 0, taken: 0 };
const pending: ClaimsSummary = { replies: 1, live: 1, taken: 0 };
const accepted: ClaimsSummary = { replies: 1, live: 1, taken: 1 };
const completedOnly: ClaimsSummary = { replies: 1, live: 0, taken: 1 };
const twoTaken: ClaimsSummary = { replies: 3, live: 1, taken: 2 };

const offerOf3 = { kind: 'OFFER', capacity: 3, moving: false } as const satisfies EditChange;
const same = { ...offerOf3 };

type Row = [status: PostStatus, claims: ClaimsSummary, change: EditChange, refusal: EditRefusal | null];

const STATUSES: PostStatus[] = ['OPEN', 'CLAIMED', 'HELD', 'HIDDEN', 'WITHDRAWN', 'EXPIRED', 'FULFILLED'];

const table: Row[] = [
	// Only an open post is the poster's to edit, however small the change.
	...STATUSES.map((status): Row => [status, none, same, status === 'OPEN' ? null : 'not-editable']),
	...STATUSES.map((status): Row => [status, accepted, same, status === 'OPEN' ? null : 'not-editable']),
	// Kind is fixed by the first reply of any status.
	['OPEN', none, { ...same, kind: 'NEED', capacity: 1 }, null],
	['OPEN', declinedOnly, { ...same, kind: 'NEED', capacity: 1 }, 'kind-locked'],
	['OPEN', pending, { ...same, kind: 'NEED', capacity: 1 }, 'kind-locked'],
	['OPEN', completedOnly, { ...same, kind: 'NEED', capacity: 1 }, 'kind-locked'],
	// Quantity may shrink down to the places taken, not below.
	['OPEN', twoTaken, { ...same, capacity: 2 }, null],
	['OPEN', twoTaken, { ...same, capacity: 1 }, 'quantity-below-taken'],
	['OPEN', twoTaken, { ...same, capacity: Number.POSITIVE_INFINITY }, null],
	['OPEN', pending, { ...same, capacity: 1 }, null],
	// Moving re-routes the network only while nobody is helping or has helped.
	['OPEN', none, { ...same, moving: true }, null],
	['OPEN', declinedOnly, { ...same, moving: true }, null],
	['OPEN', pending, { ...same, moving: true }, 'neighborhood-locked'],
	['OPEN', accepted, { ...same, moving: true }, 'neighborhood-locked'],
	['OPEN', completedOnly, { ...same, moving: true }, 'neighborhood-locked'],
	['HIDDEN', none, { ...same, moving: true }, 'not-editable']
];

describe('what a poster may change', () => {
	it.each(table)('%s post, claims %o, change %o → %s', (status, claims, change, refusal) => {
		expect(editRefusal({ status, kind: 'OFFER' }, claims, change)).toBe(refusal);
	});
});

describe('who sees a post, and what its poster may do to it', () => {
	const poster = { id: 'u-poster' };
	const someone = { id: 'u-someone' };
	const onBoard = ['OPEN', 'CLAIMED', 'FULFILLED'];
	it.each(STATUSES)('%s', (status) => {
		const post = { status, authorId: poster.id };
		expect([visibleTo(post, poster), visibleTo(post, someone), visibleTo(post, null)]).toEqual([
			true,
			onBoard.includes(status),
			onBoard.includes(status)
		]);
		expect(posterMoves(status)).toEqual({
			edit: status === 'OPEN',
			renew: ['OPEN', 'EXPIRED'].includes(status),
			withdraw: ['OPEN', 'CLAIMED', 'HELD'].includes(status)
		});
	});
});

describe('which statuses a post moves from', () => {
	// Only a fulfilled need goes back to claimed, when the help turned out not to have happened.
	it.each(STATUSES)('unfulfill from %s', (status) => {
		expect(canTransition(status, 'unfulfill')).toBe(status === 'FULFILLED');
	});
});
