// For database tests: a migrated, seeded database shared by the test run (see ../setup/database.ts).
import { inject } from 'vitest';
import { migrate } from '../../src/lib/server/startup.ts';
import { seedPlaces } from '../../src/lib/server/places/seed.ts';
import { connectDatabase, disconnectDatabase, type Database } from '../../src/lib/server/db/index.ts';

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
