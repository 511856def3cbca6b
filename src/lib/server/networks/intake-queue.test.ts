// A network's daily request cap: past it, new requests wait in a queue off the board, with an honest
// estimate for their poster, and the daily job lets them onto the board oldest first, a cap's worth a
// day, without two instances releasing the same places.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { dateInNewYork } from '../calendar.ts';
import { createPost } from '../posts/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { listBoard, parseBoardFilters } from '../posts/board.ts';
import { limitsSchema, setLimits } from './limits.ts';
import { queueEstimate, releaseQueues } from './intake-queue.ts';

let db: Database;
const RUN = `dq${Date.now().toString(36)}`;
const DAY = 24 * 60 * 60 * 1000;
let network: { id: number };
let place: { slug: string };
let poster: { id: string };

beforeAll(async () => {
	db = await useTestDatabase();
	// A neighborhood no network covers and no test names: this network becomes its only local one.
	place = await db.neighborhood.findFirstOrThrow({
		where: { ntaType: 'RESIDENTIAL', coverage: { none: {} }, slug: { not: 'auburndale' } },
		orderBy: { slug: 'desc' }
	});
	network = await db.network.create({
		data: {
			name: `Daily Cap Helpers ${RUN}`,
			slug: `daily-cap-helpers-${RUN}`,
			editedAt: new Date(),
			coverage: { create: { neighborhood: { connect: { slug: place.slug } } } }
		}
	});
	poster = await db.user.create({ data: { email: `queue-${RUN}@example.org`, name: 'Queued' } });
	await setLimits(poster.id, network.id, limitsSchema.parse({ claimCap: '', dailyRequestCap: '2' }));
});

afterAll(async () => {
	await db.networkCoverage.deleteMany({ where: { networkId: network.id } });
	await db.network.update({ where: { id: network.id }, data: { inactiveSince: new Date() } });
	await disconnectDatabase();
});

async function request(n: number, now: Date, kind = 'NEED') {
	const form = new FormData();
	const fields = {
		kind,
		title: `Request ${n} ${RUN}`,
		category: 'GROCERIES',
		neighborhood: place.slug,
		timeWindow: 'THIS_WEEK'
	};
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const result = await createPost(poster.id, postSchema.parse(readPostForm(form)), now);
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

const statusOf = async (id: number) => (await db.post.findUniqueOrThrow({ where: { id } })).status;

describe('a network’s daily request cap', () => {
	it('queues requests past the cap off the board, estimates honestly, and releases them in order each day', async () => {
		const now = new Date();
		const ids: number[] = [];
		for (let n = 1; n <= 5; n++) ids.push(await request(n, now));
		expect(await Promise.all(ids.map(statusOf))).toEqual(['OPEN', 'OPEN', 'QUEUED', 'QUEUED', 'QUEUED']);
		// An offer asks nothing of the network's volunteers, so it never waits.
		expect(await statusOf(await request(6, now, 'OFFER'))).toBe('OPEN');

		const board = await listBoard(
			parseBoardFilters(new URLSearchParams({ network: `daily-cap-helpers-${RUN}` }))
		);
		expect(board.posts.map((post) => post.id).sort()).not.toContain(ids[2]);

		// Two a day: the third and fourth tomorrow, the fifth the day after.
		const day = (days: number) =>
			new Date(`${dateInNewYork(new Date(now.getTime() + days * DAY))}T00:00:00Z`);
		expect(await queueEstimate(ids[2]!, now)).toMatchObject({ position: 1, date: day(1) });
		expect(await queueEstimate(ids[4]!, now)).toMatchObject({ position: 3, date: day(2) });

		// Today's places are gone: nothing moves. Tomorrow, two instances run the job at once.
		expect(await releaseQueues(now)).toBe(0);
		const tomorrow = new Date(now.getTime() + DAY);
		const released = await Promise.all([releaseQueues(tomorrow), releaseQueues(tomorrow)]);
		expect(released[0] + released[1]).toBe(2);
		expect(await Promise.all(ids.map(statusOf))).toEqual(['OPEN', 'OPEN', 'OPEN', 'OPEN', 'QUEUED']);
		const third = await db.post.findUniqueOrThrow({ where: { id: ids[2]! } });
		expect(third.expiresAt.getTime()).toBeGreaterThan(tomorrow.getTime() + 13 * DAY);

		// Lifting the cap lets everyone still waiting through at the next run.
		await setLimits(poster.id, network.id, limitsSchema.parse({ claimCap: '', dailyRequestCap: '' }));
		expect(await releaseQueues(tomorrow)).toBe(1);
		expect(await statusOf(ids[4]!)).toBe('OPEN');
	});

	it('refuses a cap that is not a whole number from 1 to 500', () => {
		for (const bad of ['0', '501', 'ten', '1.5']) {
			expect(limitsSchema.safeParse({ claimCap: '', dailyRequestCap: bad }).error?.issues[0]?.message).toBe(
				'limits_error_daily_cap'
			);
		}
	});
});
