// A read replica (DATABASE_REPLICA_URL) serves anonymous reads only; here it points at the same server,
// and the pools' connection counts show where each query went.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, testDatabaseUrl, useTestDatabase } from '../../../../tests/support/database.ts';
import { listBoard, parseBoardFilters } from '../posts/board.ts';
import { asAnonymousRead, connectReplica, db, poolStats, reads } from './index.ts';

beforeAll(async () => {
	await useTestDatabase();
	connectReplica(testDatabaseUrl(), 2);
});
afterAll(disconnectDatabase);

describe('with a replica', () => {
	it('reads the primary outside an anonymous read, so a signed-in person sees what they just wrote', () => {
		expect(reads()).toBe(db);
	});

	it('sends an anonymous board read to the replica', async () => {
		const before = poolStats().replica.total;
		expect(before).toBe(0);
		const board = await asAnonymousRead(() => listBoard(parseBoardFilters(new URLSearchParams())));
		expect(board.posts).toBeInstanceOf(Array);
		expect(poolStats().replica.total).toBeGreaterThan(0);
	});
});
