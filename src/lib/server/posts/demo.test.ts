import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { seedDemoPosts } from './demo.ts';
import { sendExpiryReminders } from './lifecycle.ts';

const DAY = 24 * 60 * 60 * 1000;

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

it('sends no "still needed?" mail to demo people, whose addresses can never receive it', async () => {
	await db.outboxMessage.deleteMany({ where: { toAddress: { endsWith: '@example.invalid' } } });
	await seedDemoPosts(40, () => {});
	const mail = {
		subject: () => 'Still needed?',
		body: () => 'Renew or close it.',
		text: () => 'Still needed?'
	};
	// A week on, every demo post (made in the last 13 days, open 14) is close to expiry or past it.
	const reminded = await sendExpiryReminders('https://each.test', mail, new Date(Date.now() + 7 * DAY));
	expect(reminded).toBeGreaterThan(0);
	expect(await db.outboxMessage.count({ where: { toAddress: { endsWith: '@example.invalid' } } })).toBe(0);
});
