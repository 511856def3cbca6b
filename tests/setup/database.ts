// Vitest global setup: one PostgreSQL for every database test. With DATABASE_URL set, a fresh
// "<name>_test" database on that server (so a developer's own data is never touched); otherwise an
// in-memory PGlite served over the same pg protocol the app uses.
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/lib/server/db/embedded.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		databaseUrl: string;
	}
}

async function recreateTestDatabase(serverUrl: string): Promise<string> {
	const url = new URL(serverUrl);
	const name = `${url.pathname.slice(1) || 'postgres'}_test`;
	// The named database may not exist yet; the maintenance database always does.
	const adminUrl = new URL(serverUrl);
	adminUrl.pathname = '/postgres';
	const admin = new pg.Client({ connectionString: adminUrl.toString() });
	await admin.connect();
	try {
		await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
		await admin.query(`CREATE DATABASE "${name}"`);
	} finally {
		await admin.end();
	}
	url.pathname = `/${name}`;
	return url.toString();
}

export default async function setup(project: TestProject) {
	if (process.env.DATABASE_URL) {
		project.provide('databaseUrl', await recreateTestDatabase(process.env.DATABASE_URL));
		return;
	}
	const embedded = await startEmbeddedDatabase({ port: 0, maxConnections: 30 });
	project.provide('databaseUrl', embedded.url);
	return () => embedded.stop();
}
