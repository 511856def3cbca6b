// The embedded database's own thread. PGlite runs PostgreSQL's WebAssembly on the thread that creates
// it, so on the app's thread its start and every query waited for pages being rendered, and pages for
// it; here they run side by side (embedded.ts starts this file).
// JavaScript, not TypeScript: a worker thread runs a file as Node reads it, from the built app, from
// Vitest and from tsx alike.
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { SessionQueue } from './session-queue.js';

/**
 * @typedef {object} WorkerOptions
 * @property {string | undefined} dataDir
 * @property {number} port
 * @property {number} maxConnections
 * @property {string} sharedBuffers
 */

/**
 * What the thread tells embedded.ts.
 * @typedef {{ listening: string } | { failed: string }} WorkerReport
 */

/**
 * Swaps pglite-socket's queue, which lets connections' query batches interleave on PGlite's one
 * session, for one that keeps a connection's turn until its batch or transaction is done (see
 * session-queue.js). This serves every client the same way: the app's pool, the migration applier,
 * other processes, psql. The field is private in pglite-socket's types, so an upgrade that renames it
 * fails loudly here.
 * @param {PGLiteSocketServer} server
 * @param {PGlite} db
 */
function useWholeBatchTurns(server, db) {
	const internals = /** @type {{ queryQueue?: unknown }} */ (/** @type {unknown} */ (server));
	if (!internals.queryQueue) {
		throw new Error('@electric-sql/pglite-socket no longer has a queryQueue; re-check session-queue.js.');
	}
	internals.queryQueue = new SessionQueue(db);
}

/** @param {WorkerOptions} options @param {import('node:worker_threads').MessagePort} parent */
async function serve({ dataDir, port, maxConnections, sharedBuffers }, parent) {
	const db = await PGlite.create(dataDir ? path.join(dataDir, 'pglite') : undefined, {
		startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${sharedBuffers}`]
	}).catch((/** @type {unknown} */ error) => {
		throw new Error(`The embedded database in ${dataDir ?? 'memory'} could not start: ${String(error)}`, {
			cause: error
		});
	});
	const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port, maxConnections });
	try {
		useWholeBatchTurns(server, db);
		await server.start();
	} catch (error) {
		await db.close();
		throw new Error(`The embedded database could not listen on 127.0.0.1:${port}: ${String(error)}`, {
			cause: error
		});
	}
	parent.once('message', () => {
		void server
			.stop()
			.then(() => db.close())
			.finally(() => parent.close());
	});
	parent.postMessage(/** @type {WorkerReport} */ ({ listening: server.getServerConn() }));
}

if (parentPort) {
	const parent = parentPort;
	serve(/** @type {WorkerOptions} */ (workerData), parent).catch((/** @type {unknown} */ error) => {
		parent.postMessage(
			/** @type {WorkerReport} */ ({ failed: error instanceof Error ? error.message : String(error) })
		);
		parent.close();
	});
}
