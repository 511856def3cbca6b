// The zero-setup database: PGlite (PostgreSQL compiled to WebAssembly) inside the app's own process,
// on a thread of its own (embedded-worker.js), served over the PostgreSQL wire protocol on 127.0.0.1 so
// the app, the migration applier and psql all talk to it exactly as they would to a real server.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { databaseConfig, projectPath, type DatabaseConfig } from '../config.ts';
import { logger } from '../log.ts';
import type { WorkerOptions, WorkerReport } from './embedded-worker.js';

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
 * Loaded from the project's sources rather than next to this module: in the built app this module is a
 * chunk of the bundle, and the worker's file is not.
 */
const WORKER_FILE = 'src/lib/server/db/embedded-worker.js';

export async function startEmbeddedDatabase({
	dataDir,
	port,
	maxConnections
}: Options): Promise<EmbeddedDatabase> {
	const release = dataDir ? await claimDataDir(dataDir) : async () => {};
	const worker = new Worker(projectPath(WORKER_FILE), {
		workerData: {
			dataDir,
			port,
			maxConnections,
			sharedBuffers: EMBEDDED_SHARED_BUFFERS
		} satisfies WorkerOptions
	});
	let listening = false;
	let crash = 'its thread ended';
	// Without a listener, a crash in the thread would be thrown on the app's.
	worker.on('error', (error) => {
		if (listening) logger.error({ err: error }, 'the embedded database stopped');
		else crash = String(error);
	});
	const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
	const report = await Promise.race([
		new Promise<WorkerReport>((resolve) => worker.once('message', resolve)),
		exited.then((): WorkerReport => ({ failed: crash }))
	]);
	if (!('listening' in report)) {
		await exited;
		await release();
		throw new Error(report.failed);
	}
	listening = true;
	let stopped = false;
	return {
		url: `postgresql://postgres@${report.listening}/postgres`,
		async stop() {
			if (stopped) return;
			stopped = true;
			worker.postMessage('stop');
			await exited;
			await release();
		}
	};
}

/** The embedded database as the configuration sets it up. */
export function startConfiguredDatabase({ dataDir, embeddedPort, poolSize }: DatabaseConfig) {
	return startEmbeddedDatabase({ dataDir, port: embeddedPort, maxConnections: poolSize + 5 });
}

let early: Promise<EmbeddedDatabase> | undefined;

/**
 * Starts the configured embedded database, unless DATABASE_URL names a server, before the app's code
 * loads (src/instrumentation.server.ts): on its own thread, its start takes about as long as loading
 * the app, which it used to follow.
 */
export function startDatabaseEarly() {
	const config = databaseConfig();
	if (config.url) return;
	early ??= startConfiguredDatabase(config);
	// Reported by whoever takes it; until then, a failure must not go unhandled.
	early.catch(() => {});
}

/** The database startDatabaseEarly started, once: a later start (a restart, a test) begins anew. */
export function takeEarlyDatabase() {
	const started = early;
	early = undefined;
	return started;
}
