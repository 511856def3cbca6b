// The one database client the app uses, on whichever PostgreSQL startDatabase() picked.
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { logger } from '../log.ts';
import { PrismaClient } from './generated/client.ts';

export type Database = PrismaClient;

/** Assigned by connectDatabase() at start-up, before the first request is served. */
export let db: Database;
let pool: pg.Pool | undefined;

/** `waitMs`: how long a query may wait for a free connection before it fails. */
export function connectDatabase(url: string, poolSize: number, waitMs = 5_000): Database {
	pool = new pg.Pool({ connectionString: url, max: poolSize, connectionTimeoutMillis: waitMs });
	// A connection dropped while idle (server restarted) must not crash the process; the pool
	// opens a fresh one for the next query, which is how the app recovers without a restart.
	pool.on('error', (error) => logger.warn(`Database connection lost: ${error.message}`));
	db = new PrismaClient({
		adapter: new PrismaPg(pool),
		// The embedded database runs one transaction at a time, so under load a transaction may wait its
		// turn longer than Prisma's 2 s default before it starts.
		transactionOptions: { maxWait: 15_000, timeout: 20_000 }
	});
	return db;
}

/** How busy the pool is, for the metrics. */
export function poolStats() {
	return { total: pool?.totalCount ?? 0, idle: pool?.idleCount ?? 0, waiting: pool?.waitingCount ?? 0 };
}

export async function disconnectDatabase() {
	await db?.$disconnect();
	await pool?.end();
	pool = undefined;
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
