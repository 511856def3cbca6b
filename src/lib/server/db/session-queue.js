// PGlite is a single PostgreSQL session, yet pglite-socket lets many connections share it. Its own queue
// takes turns per protocol *message* and only pins a connection inside an explicit transaction, so two
// connections' Parse/Bind/Execute/Sync batches interleave: errors like "bind message supplies 44
// parameters, but prepared statement "" requires 4", or silently another query's rows when the shapes
// match; and one internal throw leaves that queue stuck for good
// (https://github.com/electric-sql/pglite/issues/1046, unreleased fix in PR #977).
// This queue gives a connection the session from its first message until PostgreSQL says it is idle
// again (ReadyForQuery with status I), so a batch or a transaction always runs whole. It replaces the
// server's queue in embedded-worker.js, which is why it keeps pglite-socket's method names.
// JavaScript, not TypeScript: the embedded database's worker thread imports it as Node runs it.

/**
 * @typedef {object} Pending
 * @property {number} handlerId
 * @property {Uint8Array} message
 * @property {(data: Uint8Array) => void} onData
 * @property {(bytes: number) => void} resolve
 * @property {(error: unknown) => void} reject
 */

const READY_FOR_QUERY = 'Z'.charCodeAt(0);
const IDLE = 'I'.charCodeAt(0);
/** Ends an extended-query batch; after an error PostgreSQL skips every message until one arrives. */
const SYNC = new Uint8Array([0x53, 0, 0, 0, 4]);

/**
 * Follows the backend's replies message by message (type byte, int32 length, body), because a reply
 * can arrive in several chunks and a data row may contain any byte.
 */
class ReplyWatcher {
	#header = new Uint8Array(5);
	#headerBytes = 0;
	#bodyLeft = 0;
	#lastStatus = -1;

	/** @param {Uint8Array} chunk */
	feed(chunk) {
		let i = 0;
		while (i < chunk.length) {
			if (this.#headerBytes < 5) {
				this.#header[this.#headerBytes++] = /** @type {number} */ (chunk[i++]);
				if (this.#headerBytes === 5) {
					const view = new DataView(this.#header.buffer);
					this.#bodyLeft = view.getInt32(1) - 4;
					this.#lastStatus = -1;
					if (this.#bodyLeft <= 0) this.#headerBytes = 0;
				}
				continue;
			}
			const take = Math.min(this.#bodyLeft, chunk.length - i);
			if (this.#header[0] === READY_FOR_QUERY) this.#lastStatus = /** @type {number} */ (chunk[i]);
			i += take;
			this.#bodyLeft -= take;
			if (this.#bodyLeft === 0) this.#headerBytes = 0;
		}
	}

	/** The last whole reply was ReadyForQuery outside a transaction: the session is free. */
	get idle() {
		return this.#headerBytes === 0 && this.#header[0] === READY_FOR_QUERY && this.#lastStatus === IDLE;
	}
}

export class SessionQueue {
	/** @type {Pending[]} */
	#waiting = [];
	/**
	 * The connection whose batch or transaction is under way; null when the session is idle.
	 * @type {number | null}
	 */
	#owner = null;
	#draining = false;

	#db;

	/** @param {import('@electric-sql/pglite').PGlite} db */
	constructor(db) {
		this.#db = db;
	}

	/**
	 * @param {number} handlerId
	 * @param {Uint8Array} message
	 * @param {(data: Uint8Array) => void} onData
	 * @returns {Promise<number>}
	 */
	enqueue(handlerId, message, onData) {
		return new Promise((resolve, reject) => {
			this.#waiting.push({ handlerId, message, onData, resolve, reject });
			void this.#drain();
		});
	}

	getQueueLength() {
		return this.#waiting.length;
	}

	/** @param {number} handlerId */
	clearQueueForHandler(handlerId) {
		for (const pending of this.#waiting.filter((p) => p.handlerId === handlerId)) {
			pending.reject(new Error('Handler disconnected'));
		}
		this.#waiting = this.#waiting.filter((p) => p.handlerId !== handlerId);
	}

	/** Called when a connection closes: whatever it left half done must not block or leak into the next. */
	/** @param {number} handlerId */
	async clearTransactionIfNeeded(handlerId) {
		if (this.#owner !== handlerId) return;
		await this.#reset();
		void this.#drain();
	}

	/** @returns {Pending | undefined} */
	#next() {
		const index = this.#owner === null ? 0 : this.#waiting.findIndex((p) => p.handlerId === this.#owner);
		return index === -1 ? undefined : this.#waiting.splice(index, 1)[0];
	}

	async #drain() {
		if (this.#draining) return;
		this.#draining = true;
		try {
			for (let pending = this.#next(); pending; pending = this.#next()) {
				this.#owner = pending.handlerId;
				const replies = new ReplyWatcher();
				let bytes = 0;
				try {
					await this.#db.runExclusive(() =>
						this.#db.execProtocolRawStream(pending.message, {
							onRawData: (data) => {
								bytes += data.length;
								replies.feed(data);
								pending.onData(data);
							}
						})
					);
				} catch (error) {
					// The session's state is unknown: end the batch and any transaction so the next
					// connection starts clean. The failing connection is closed by its handler.
					pending.reject(error);
					await this.#reset().catch(() => {});
					continue;
				}
				if (replies.idle) this.#owner = null;
				pending.resolve(bytes);
			}
		} finally {
			this.#draining = false;
		}
	}

	/** Ends the owner's unfinished batch and transaction, then frees the session. */
	async #reset() {
		try {
			await this.#db.runExclusive(() => this.#db.execProtocolRaw(SYNC));
			if (this.#db.isInTransaction()) await this.#db.exec('ROLLBACK');
		} finally {
			this.#owner = null;
		}
	}
}
