import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { seedDemoPosts } from './demo.ts';

let db: Database;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

it('adds open posts in residential neighborhoods, each routed to a network that fits', async () => {
	const before = await db.post.count();
	await seedDemoPosts(60, () => {});
	expect((await db.post.count()) - before).toBe(60);
	const demo = await db.post.findMany({
		where: { author: { email: { endsWith: '@example.invalid' } } },
		include: { neighborhood: { include: { coverage: true } }, network: true }
	});
	expect(demo.length).toBeGreaterThanOrEqual(60);
	for (const post of demo) {
		expect(post.neighborhood.ntaType).toBe('RESIDENTIAL');
		expect(post.status).toBe('OPEN');
		const local = post.neighborhood.coverage.map((c) => c.networkId);
		if (local.length) expect(local).toContain(post.networkId);
		else expect(post.networkIsFallback).toBe(true);
		expect(post.title.length).toBeGreaterThan(3);
	}
});
