// For database tests: a migrated, seeded database shared by the test run (see ../setup/database.ts).
import { inject } from 'vitest';
import { migrate } from '../../src/lib/server/startup.ts';
import { seedPlaces } from '../../src/lib/server/places/seed.ts';
import { connectDatabase, disconnectDatabase, type Database } from '../../src/lib/server/db/index.ts';
import type { Prisma } from '../../src/lib/server/db/generated/client.ts';

export const testDatabaseUrl = () => inject('databaseUrl');

/** Migrates and seeds the test database and connects the app's client to it. */
export async function useTestDatabase(): Promise<Database> {
	const url = testDatabaseUrl();
	await migrate(url, () => {});
	const db = connectDatabase(url, 3);
	await seedPlaces();
	return db;
}

export { disconnectDatabase };

/**
 * Puts the notices queued to these devices out of the push delivery's reach, for tests whose pushes
 * are fixtures: push.test delivers every due notice in the database the test files share, and a
 * fixture's endpoint leads nowhere. Call it in the transaction that queues them, so they are never due.
 */
export async function notYetDue(tx: Prisma.TransactionClient, subscriptionIds: number[]) {
	await tx.outboxMessage.updateMany({
		where: { channel: 'PUSH', toAddress: { in: subscriptionIds.map(String) }, sentAt: null },
		data: { nextAttemptAt: new Date('2200-01-01T00:00:00Z') }
	});
}
