import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import pg from 'pg';
import { openDatabase } from '../startup.ts';
import {
	EMBEDDED_SHARED_BUFFERS,
	startDatabaseEarly,
	startEmbeddedDatabase,
	takeEarlyDatabase
} from './embedded.ts';
import { connectDatabase, databaseAnswers, disconnectDatabase } from './index.ts';

const dataDir = await mkdtemp(path.join(tmpdir(), 'health-'));
afterAll(async () => {
	await disconnectDatabase();
	await rm(dataDir, { recursive: true, force: true });
});

it('reports the database down while it is stopped and up again after it restarts, without reconnecting by hand', async () => {
	const first = await startEmbeddedDatabase({ dataDir, port: 0, maxConnections: 5 });
	const port = Number(new URL(first.url).port);
	connectDatabase(first.url, 2);
	expect(await databaseAnswers()).toBe(true);

	await first.stop();
	expect(await databaseAnswers()).toBe(false);

	const second = await startEmbeddedDatabase({ dataDir, port, maxConnections: 5 });
	try {
		expect(await databaseAnswers()).toBe(true);
	} finally {
		await second.stop();
	}
});

it('refuses to open a data folder another live process is using', async () => {
	const { writeFile } = await import('node:fs/promises');
	// The parent of this test process is alive for as long as the test runs.
	await writeFile(path.join(dataDir, 'embedded-db.pid'), String(process.ppid));
	await expect(startEmbeddedDatabase({ dataDir, port: 0, maxConnections: 5 })).rejects.toThrow(
		/is in use by process \d+/
	);
	await rm(path.join(dataDir, 'embedded-db.pid'));
});

it('runs with small shared buffers: PostgreSQL’s 128 MB default made every start a third of a second slower', async () => {
	const database = await startEmbeddedDatabase({ dataDir, port: 0, maxConnections: 5 });
	const client = new pg.Client({ connectionString: database.url });
	await client.connect();
	try {
		const { rows } = await client.query<{ shared_buffers: string }>('SHOW shared_buffers');
		expect(rows[0]?.shared_buffers).toBe(EMBEDDED_SHARED_BUFFERS);
		expect(EMBEDDED_SHARED_BUFFERS).toBe('16MB');
	} finally {
		await client.end();
		await database.stop();
	}
});

it('says why when its port is taken, and leaves the data folder free for the next start', async () => {
	const taken = createServer();
	await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
	const port = (taken.address() as AddressInfo).port;
	try {
		await expect(startEmbeddedDatabase({ dataDir, port, maxConnections: 5 })).rejects.toThrow(
			`The embedded database could not listen on 127.0.0.1:${port}`
		);
	} finally {
		taken.close();
	}
	await expect(readFile(path.join(dataDir, 'embedded-db.pid'))).rejects.toThrow('ENOENT');
});

describe('started before the app loads', () => {
	afterEach(() => vi.unstubAllEnvs());

	it('is the database the app then opens, taken once', async () => {
		vi.stubEnv('DATABASE_URL', '');
		vi.stubEnv('DATA_DIR', dataDir);
		startDatabaseEarly();
		const opened = await openDatabase(() => {});
		try {
			expect(opened.embedded).toBe(true);
			expect(takeEarlyDatabase()).toBeUndefined();
		} finally {
			await opened.stop();
		}
	});

	it('is not started when DATABASE_URL names a server', () => {
		vi.stubEnv('DATABASE_URL', 'postgresql://postgres@127.0.0.1:1/none');
		startDatabaseEarly();
		expect(takeEarlyDatabase()).toBeUndefined();
	});
});
