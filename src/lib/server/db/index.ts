// The one database client the app uses, on whichever PostgreSQL startDatabase() picked, and optionally a
// read replica (DATABASE_REPLICA_URL) for what anonymous visitors read.
import { AsyncLocalStorage } from 'node:async_hooks';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { logger } from '../log.ts';
import { PrismaClient } from './generated/client.ts';

export type Database = PrismaClient;

/** Assigned by connectDatabase() at start-up, before the first request is served. */
export let db: Database;
let pool: pg.Pool | undefined;
let replica: { db: Database; pool: pg.Pool } | undefined;

function openPool(url: string, poolSize: number, waitMs: number) {
	const opened = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: waitMs });
	// A connection dropped while idle (server restarted) must not crash the process; the pool
	// opens a fresh one for the next query, which is how the app recovers without a restart.
	opened.on('error', (error) => logger.warn(`Database connection lost: ${error.message}`));
	return opened;
}

const clientOn = (opened: pg.Pool) =>
	new PrismaClient({
		adapter: new PrismaPg(opened),
		// The embedded database runs one transaction at a time, so under load a transaction may wait its
		// turn longer than Prisma's 2 s default before it starts.
		transactionOptions: { maxWait: 15_000, timeout: 20_000 }
	});

/** `waitMs`: how long a query may wait for a free connection before it fails. */
export function connectDatabase(url: string, poolSize: number, waitMs = 5_000): Database {
	pool = openPool(url, poolSize, waitMs);
	db = clientOn(pool);
	return db;
}

/**
 * Anonymous reads go to this server from now on. Only `reads()` hands it out, and only public read
 * functions call that. (Its sessions are not made read-only with SET: on the embedded database every
 * connection shares one session, so the setting would reach the primary's connections too.)
 */
export function connectReplica(url: string, poolSize: number, waitMs = 5_000) {
	const opened = openPool(url, poolSize, waitMs);
	replica = { db: clientOn(opened), pool: opened };
}

const anonymousRead = new AsyncLocalStorage<true>();

/** Runs a request whose reads may come from the replica: nobody signed in, nothing to write. */
export const asAnonymousRead = <T>(work: () => T): T => anonymousRead.run(true, work);

/**
 * Where public pages read from: the replica inside an anonymous read, else the primary. A signed-in
 * person always reads the primary, so they never miss what they have just written because the
 * replica lags behind.
 */
export const reads = (): Database => (replica && anonymousRead.getStore() ? replica.db : db);

const statsOf = (opened: pg.Pool | undefined) => ({
	total: opened?.totalCount ?? 0,
	idle: opened?.idleCount ?? 0,
	waiting: opened?.waitingCount ?? 0
});

/** How busy each pool is, for the metrics. */
export const poolStats = () => ({ primary: statsOf(pool), replica: statsOf(replica?.pool) });

export async function disconnectDatabase() {
	await db?.$disconnect();
	await pool?.end();
	pool = undefined;
	await replica?.db.$disconnect();
	await replica?.pool.end();
	replica = undefined;
}

/** True when the database answers a trivial query within the timeout. */
export async function databaseAnswers(timeoutMs = 2_000): Promise<boolean> {
	if (!pool) return false;
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
	const probe = pool.query('SELECT 1').then(
		() => true,
		() => false
	);
	try {
		return await Promise.race([probe, timeout]);
	} finally {
		clearTimeout(timer);
	}
}
