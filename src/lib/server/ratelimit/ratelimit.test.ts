import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { hitLimit, hitLimits, purgeOldWindows } from './index.ts';

let db: Database;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const at = (iso: string) => new Date(iso);

it('allows up to the limit in a window, then says how long to wait', async () => {
	const limit = { key: `test:${Date.now()}`, max: 3, windowSeconds: 3600 };
	const now = at('2026-11-26T10:15:00Z');
	for (let i = 0; i < 3; i++) expect(await hitLimit(limit, now)).toEqual({ allowed: true });
	expect(await hitLimit(limit, now)).toEqual({ allowed: false, retryAfterSeconds: 45 * 60 });
	expect(await hitLimit(limit, at('2026-11-26T11:00:01Z'))).toEqual({ allowed: true });
});

it('keeps keys apart and never stores them in the clear', async () => {
	const email = `limited-${Date.now()}@example.org`;
	const now = at('2026-11-26T10:15:00Z');
	await hitLimit({ key: `signin-email:${email}`, max: 1, windowSeconds: 60 }, now);
	expect(await hitLimit({ key: `signin-email:other-${email}`, max: 1, windowSeconds: 60 }, now)).toEqual({
		allowed: true
	});
	const rows = await db.rateLimitWindow.findMany();
	expect(rows.some((r) => r.key.includes(email))).toBe(false);
});

it('reports the longest wait among several limits', async () => {
	const now = at('2026-11-26T10:15:00Z');
	const id = Date.now();
	const result = await hitLimits(
		[
			{ key: `a:${id}`, max: 0, windowSeconds: 60 },
			{ key: `b:${id}`, max: 0, windowSeconds: 3600 }
		],
		now
	);
	expect(result).toEqual({ allowed: false, retryAfterSeconds: 45 * 60 });
});

it('forgets old windows', async () => {
	await hitLimit({ key: `old:${Date.now()}`, max: 1, windowSeconds: 60 }, at('2020-01-01T00:00:00Z'));
	await purgeOldWindows();
	expect(await db.rateLimitWindow.count({ where: { windowStart: { lt: at('2021-01-01T00:00:00Z') } } })).toBe(
		0
	);
});
