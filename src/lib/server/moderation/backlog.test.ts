import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { BACKLOG_PAGE_SIZE, networkBacklog } from './backlog.ts';

let db: Database;
const RUN = `bl${Date.now().toString(36)}`;
const DAY = 864e5;
const now = new Date();
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name } });

describe('a network’s backlog', () => {
	it('lists the needs nobody has taken, longest waiting first, by category, and counts active volunteers', async () => {
		// Inactive and without coverage, so no other test's post lands in it.
		const network = await db.network.create({
			data: { name: `Backlog ${RUN}`, slug: `backlog-${RUN}`, inactiveSince: now }
		});
		const { id: neighborhoodId } = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'kensington' } });
		const poster = await person('Poster');
		const post = (title: string, daysAgo: number, extra: object = {}) =>
			db.post.create({
				data: {
					kind: 'NEED',
					title: `${title} ${RUN}`,
					details: '',
					category: 'GROCERIES',
					timeWindow: 'THIS_WEEK',
					createdAt: new Date(now.getTime() - daysAgo * DAY),
					dueAt: now,
					expiresAt: now,
					authorId: poster.id,
					networkId: network.id,
					neighborhoodId,
					...extra
				}
			});
		const newest = await post('Newest', 1);
		const oldest = await post('Oldest', 9, { category: 'RIDES' });
		const middle = await post('Middle', 4);
		// Not waiting: someone is helping, it is an offer, or it is done.
		const helped = await post('Helped', 20, { status: 'CLAIMED' });
		await post('Offer', 20, { kind: 'OFFER' });
		const done = await post('Done', 30, { status: 'FULFILLED' });

		const claim = async (postId: number, status: string, closedDaysAgo?: number) =>
			db.claim.create({
				data: {
					postId,
					claimantId: (await person('Volunteer')).id,
					note: 'I can',
					status: status as 'PENDING',
					closedAt: closedDaysAgo === undefined ? null : new Date(now.getTime() - closedDaysAgo * DAY)
				}
			});
		await claim(helped.id, 'ACCEPTED');
		await claim(newest.id, 'PENDING');
		await claim(done.id, 'COMPLETED', 10);
		// Not active: finished too long ago, or the reply went nowhere.
		await claim(done.id, 'COMPLETED', 40);
		await claim(middle.id, 'DECLINED', 1);

		const backlog = await networkBacklog(network.id, 1, now);
		expect(backlog.needs.items.map((need) => need.id)).toEqual([oldest.id, middle.id, newest.id]);
		expect(backlog.byCategory).toEqual([
			{ category: 'RIDES', count: 1, oldest: oldest.createdAt },
			{ category: 'GROCERIES', count: 2, oldest: middle.createdAt }
		]);
		expect(backlog.activeVolunteers).toBe(3);
	});

	it('reads one page at a time', async () => {
		const network = await db.network.create({
			data: { name: `Backlog pages ${RUN}`, slug: `backlog-pages-${RUN}`, inactiveSince: now }
		});
		const { id: neighborhoodId } = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'kensington' } });
		const poster = await person('Poster');
		await db.post.createMany({
			data: Array.from({ length: BACKLOG_PAGE_SIZE + 2 }, (_, i) => ({
				kind: 'NEED' as const,
				title: `Need ${i} ${RUN}`,
				details: '',
				category: 'GROCERIES' as const,
				timeWindow: 'THIS_WEEK' as const,
				createdAt: new Date(now.getTime() - (100 - i) * DAY),
				dueAt: now,
				expiresAt: now,
				authorId: poster.id,
				networkId: network.id,
				neighborhoodId
			}))
		});
		const second = await networkBacklog(network.id, 2, now);
		expect(second.needs).toMatchObject({ page: 2, pages: 2 });
		expect(second.needs.items.map((need) => need.title)).toEqual([
			`Need ${BACKLOG_PAGE_SIZE} ${RUN}`,
			`Need ${BACKLOG_PAGE_SIZE + 1} ${RUN}`
		]);
	});
});
