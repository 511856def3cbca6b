import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { requestedPage } from '../http/pages.ts';
import * as audit from './audit.ts';
import { moderationQueue, QUEUE_PAGE_SIZE } from './queue.ts';

let db: Database;
const RUN = `pg${Date.now().toString(36)}`;
// In a borough, so these test networks never sort among the citywide ones other tests look at.
const inBrooklyn = async (name: string, slug: string) => {
	const borough = await db.borough.findFirstOrThrow({ where: { name: 'Brooklyn' } });
	return db.network.create({ data: { name, slug, boroughId: borough.id } });
};

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

describe('requestedPage', () => {
	it.each([
		['', 1],
		['?page=3', 3],
		['?page=0', 1],
		['?page=-2', 1],
		['?page=abc', 1],
		['?page=1.5', 1],
		['?page=99999999999', 1]
	])('reads %j as page %i', (search, page) => {
		expect(requestedPage(new URL(`http://x/moderate${search}`))).toBe(page);
	});
});

describe('the moderation queue and log, a page at a time', () => {
	async function networkWithHiddenPosts(count: number) {
		const network = await inBrooklyn(`Pages ${RUN}`, `pages-${RUN}`);
		const neighborhood = await db.neighborhood.findFirstOrThrow({ where: { ntaType: 'RESIDENTIAL' } });
		const author = await db.user.create({ data: { email: `author-${RUN}@example.org`, name: 'Author' } });
		const later = new Date(Date.now() + 7 * 864e5);
		await db.post.createMany({
			data: Array.from({ length: count }, (_, i) => ({
				kind: 'NEED' as const,
				title: `Post ${i} ${RUN}`,
				details: '',
				category: 'MEALS' as const,
				timeWindow: 'THIS_WEEK' as const,
				status: 'HIDDEN' as const,
				createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)),
				dueAt: later,
				expiresAt: later,
				authorId: author.id,
				networkId: network.id,
				neighborhoodId: neighborhood.id
			}))
		});
		return { network, author };
	}

	it('shows the oldest first, says how many pages, and answers a page past the end with the last', async () => {
		const { network, author } = await networkWithHiddenPosts(QUEUE_PAGE_SIZE + 1);
		const first = await moderationQueue([network.id], 1);
		expect(first).toMatchObject({ page: 1, pages: 2 });
		expect(first.items).toHaveLength(QUEUE_PAGE_SIZE);
		expect(first.items[0]!.title).toBe(`Post 0 ${RUN}`);
		const last = await moderationQueue([network.id], 2);
		expect(last.items.map((p) => p.title)).toEqual([`Post ${QUEUE_PAGE_SIZE} ${RUN}`]);
		expect(await moderationQueue([network.id], 40)).toEqual(last);

		const posts = await db.post.findMany({ where: { networkId: network.id }, select: { id: true } });
		await db.moderationLogEntry.createMany({
			data: posts.map((p) => ({ networkId: network.id, actorId: author.id, action: 'hide', postId: p.id }))
		});
		const log = await audit.list([network.id], 1);
		expect(log).toMatchObject({ page: 1, pages: 1 });
		expect(log.items).toHaveLength(posts.length);
	});

	it('has one empty page for a network with nothing to do', async () => {
		const quiet = await inBrooklyn(`Quiet ${RUN}`, `quiet-${RUN}`);
		expect(await moderationQueue([quiet.id], 3)).toEqual({ items: [], page: 1, pages: 1 });
	});
});
