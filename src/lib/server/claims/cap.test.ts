// A network's cap on the live claims one volunteer holds at once on its posts: counted per network,
// freed when a claim ends, and holding when the claims race in from two app instances.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, testDatabaseUrl, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { createPost } from '../posts/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { ClaimError, createClaim, withdrawClaim } from './lifecycle.ts';
import { LIVE_CLAIM } from './capacity.ts';

let db: Database;
const RUN = `cc${Date.now().toString(36)}`;
const ORIGIN = 'https://each.test';
let network: { id: number };
let poster: { id: string };
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
	// Auburndale has no local network in the directory: this one becomes its only one.
	const auburndale = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'auburndale' } });
	network = await db.network.create({
		data: {
			name: `Auburndale Helpers ${RUN}`,
			slug: `auburndale-helpers-${RUN}`,
			boroughId: auburndale.boroughId,
			editedAt: new Date(),
			claimCap: 2,
			coverage: { create: { neighborhoodId: auburndale.id } }
		}
	});
	poster = await person('Poster');
});

// Other test files expect Auburndale to have no local network.
afterAll(async () => {
	await db.networkCoverage.deleteMany({ where: { networkId: network.id } });
	await db.network.update({ where: { id: network.id }, data: { inactiveSince: new Date() } });
	await disconnectDatabase();
});

function person(name: string) {
	return db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name } });
}

async function post(neighborhood = 'auburndale') {
	const form = new FormData();
	const fields = {
		kind: 'NEED',
		title: `Ride ${RUN}`,
		category: 'GROCERIES',
		neighborhood,
		timeWindow: 'THIS_WEEK'
	};
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	// An elsewhere post may have several networks to choose from: the first will do.
	let result = await createPost(poster.id, postSchema.parse(readPostForm(form)));
	if (!result.ok && result.reason === 'network') {
		form.set('network', String(result.choices[0]!.id));
		result = await createPost(poster.id, postSchema.parse(readPostForm(form)));
	}
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

const liveClaims = (claimantId: string) =>
	db.claim.count({ where: { claimantId, status: { in: [...LIVE_CLAIM] }, post: { networkId: network.id } } });

describe('a network’s claim cap', () => {
	it('refuses a claim past the cap, counts only that network’s posts, and frees a place when one ends', async () => {
		const volunteer = await person('Volunteer');
		const [a, b, c] = [await post(), await post(), await post()];
		const first = await createClaim(a, volunteer.id, 'I can', ORIGIN);
		await createClaim(b, volunteer.id, 'I can', ORIGIN);
		await expect(createClaim(c, volunteer.id, 'I can', ORIGIN)).rejects.toEqual(new ClaimError('cap'));

		// Another network's posts are another network's business.
		const elsewhere = await post('kensington');
		expect(await createClaim(elsewhere, volunteer.id, 'I can', ORIGIN)).toBeGreaterThan(0);

		await withdrawClaim(first, ORIGIN);
		expect(await createClaim(c, volunteer.id, 'I can', ORIGIN)).toBeGreaterThan(0);
		expect(await liveClaims(volunteer.id)).toBe(2);
	});

	it('holds when one volunteer’s claims on ten posts race in from two separate processes', async () => {
		const volunteer = await person('Racer');
		const posts: number[] = [];
		for (let i = 0; i < 10; i++) posts.push(await post());
		const run = promisify(execFile);
		const worker = (half: number[]) =>
			run(
				process.execPath,
				[
					'--import',
					'tsx',
					'tests/concurrency/claim-worker.ts',
					testDatabaseUrl(),
					volunteer.id,
					...half.map(String)
				],
				{ timeout: 120_000 }
			);
		const outputs = await Promise.all([worker(posts.slice(0, 5)), worker(posts.slice(5))]);
		const reports = outputs.map(
			(o) =>
				JSON.parse(o.stdout.trim().split('\n').at(-1)!) as {
					won: number;
					capped: number;
					unexpected: string[];
				}
		);
		expect(reports.flatMap((r) => r.unexpected)).toEqual([]);
		expect(reports.reduce((sum, r) => sum + r.won, 0)).toBe(2);
		expect(reports.reduce((sum, r) => sum + r.capped, 0)).toBe(8);
		expect(await liveClaims(volunteer.id)).toBe(2);
	}, 180_000);
});
