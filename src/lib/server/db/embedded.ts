// The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) inside the app's own process,
// served over the PostgreSQL wire protocol on 127.0.0.1 so the app, the migration applier and psql all
// talk to it exactly as they would to a real server.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { SessionQueue } from './session-queue.ts';

export interface EmbeddedDatabase {
	url: string;
	stop(): Promise<void>;
}

interface Options {
	/** Folder for the data files; omit for a throwaway in-memory database (tests). */
	dataDir?: string;
	port: number;
	/** Must exceed the app's pool size, with room left for the applier and a psql session. */
	maxConnections: number;
}

/**
 * PostgreSQL's default of 128 MB lives inside PGlite's WebAssembly memory, which V8 counts as it
 * grows: it cost a third of every start in garbage collection and stays resident as pages fill it.
 * An embedded database is small, and pages it misses are still in the operating system's file cache.
 */
export const EMBEDDED_SHARED_BUFFERS = '16MB';

function isRunning(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/** Two processes writing one PGlite folder would corrupt it, so the folder carries its owner's pid. */
async function claimDataDir(dataDir: string): Promise<() => Promise<void>> {
	await mkdir(dataDir, { recursive: true });
	const lockFile = path.join(dataDir, 'embedded-db.pid');
	const owner = Number(await readFile(lockFile, 'utf8').catch(() => ''));
	if (owner && owner !== process.pid && isRunning(owner)) {
		throw new Error(
			`The embedded database in ${dataDir} is in use by process ${owner}. ` +
				'Stop that process first, or set DATA_DIR to another folder.'
		);
	}
	await writeFile(lockFile, String(process.pid));
	return () => rm(lockFile, { force: true });
}

/**
 * Swaps pglite-socket's queue, which lets connections' query batches interleave on PGlite's one session,
 * for one that keeps a connection's turn until its batch or transaction is done (see session-queue.ts).
 * This serves every client the same way: the app's pool, the migration applier, other processes, psql.
 * The field is private in pglite-socket's types, so an upgrade that renames it fails loudly here.
 */
function useWholeBatchTurns(server: PGLiteSocketServer, db: PGlite) {
	const internals = server as unknown as { queryQueue?: unknown };
	if (!internals.queryQueue) {
		throw new Error('@electric-sql/pglite-socket no longer has a queryQueue; re-check session-queue.ts.');
	}
	internals.queryQueue = new SessionQueue(db);
}

export async function startEmbeddedDatabase({
	dataDir,
	port,
	maxConnections
}: Options): Promise<EmbeddedDatabase> {
	const release = dataDir ? await claimDataDir(dataDir) : async () => {};
	const db = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined, {
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${EMBEDDED_SHARED_BUFFERS}`]
	});
	const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
	useWholeBatchTurns(server, db);
	try {
		await server.start();
	} catch (error) {
		await db.close();
		await release();
		throw new Error(`The embedded database could not listen on 127.0.0.1:${port}: ${String(error)}`, {
			cause: error
		});
	}
	const address = server.getServerConn();
	let stopped = false;
	return {
		url: `postgresql://postgres@${address}/postgres`,
		async stop() {
			if (stopped) return;
			stopped = true;
			await server.stop();
			await db.close();
			await release();
		}
	};
}
