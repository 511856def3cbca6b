// Brings the server's dependencies up in order: the database (embedded unless DATABASE_URL is set),
// its migrations, the client, the seed. Shared by the app's init hook, npm run db:migrate and tests.
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { databaseConfig, projectPath } from './config.ts';
import { startConfiguredDatabase, takeEarlyDatabase } from './db/embedded.ts';
import { applyMigrations } from './db/migrate.ts';
import { connectDatabase, connectReplica, db, disconnectDatabase } from './db/index.ts';
import { seedPlaces } from './places/seed.ts';
import { logger, logLine } from './log.ts';

export interface RunningDatabase {
	url: string;
	embedded: boolean;
	stop(): Promise<void>;
}

/** Starts the embedded database when no DATABASE_URL is configured. */
export async function openDatabase(log: (line: string) => void = logLine): Promise<RunningDatabase> {
	const config = databaseConfig();
	if (config.url) return { url: config.url, embedded: false, stop: async () => {} };
	const embedded = await (takeEarlyDatabase() ?? startConfiguredDatabase(config));
	log(`Embedded PostgreSQL (PGlite) in ${config.dataDir}, listening at ${embedded.url}`);
	return { url: embedded.url, embedded: true, stop: embedded.stop };
}

export async function migrate(url: string, log: (line: string) => void = logLine) {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return await applyMigrations(client, projectPath('prisma/migrations'), log);
	} finally {
		await client.end();
	}
}

/** Everything the app needs before it serves a request. Returns how to shut it all down. */
export async function startServices(
	log: (line: string) => void = logLine,
	{ seedAfterMs }: { seedAfterMs?: number } = {}
) {
	let seeding: Promise<unknown> = Promise.resolve();
	const stopping = new AbortController();
	const database = await openDatabase(log);
	try {
		const { poolSize, replicaUrl } = databaseConfig();
		connectDatabase(database.url, poolSize);
		// Prisma sets up its query compiler (WebAssembly) on connecting, a good part of a cold start; it
		// does so while the migrations run, since nothing queries through it before they are done.
		const connected = db.$connect();
		// Awaited below; a failure must not go unhandled while the migrations still run.
		connected.catch(() => {});
		await migrate(database.url, log);
		await connected;
		if (replicaUrl) connectReplica(replicaUrl, poolSize);
		// A database that has places already serves pages first and compares the directory's files with
		// it later (a few hundred milliseconds that would otherwise slow its first pages); an empty one
		// waits for them.
		if (seedAfterMs !== undefined && (await db.neighborhood.count()) > 0) {
			seeding = sleep(seedAfterMs, undefined, { signal: stopping.signal }).then(
				() =>
					seedPlaces().catch((error: unknown) =>
						logger.error({ err: error }, 'updating places from the directory failed')
					),
				// Stopped before the wait was over: nothing to compare.
				() => undefined
			);
		} else {
			await seedPlaces();
		}
	} catch (error) {
		await disconnectDatabase();
		await database.stop();
		throw error;
	}
	return {
		database,
		async stop() {
			stopping.abort();
			await seeding;
			await disconnectDatabase();
			await database.stop();
		}
	};
}
