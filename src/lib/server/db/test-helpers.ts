// For database tests: a migrated, seeded database shared by the test run (see tests/setup/database.ts).
import { inject } from 'vitest';
import { migrate } from '../startup.ts';
import { seedPlaces } from '../places/seed.ts';
import { connectDatabase, disconnectDatabase, type Database } from './index.ts';

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
