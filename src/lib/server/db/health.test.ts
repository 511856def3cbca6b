import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import pg from 'pg';
import { EMBEDDED_SHARED_BUFFERS, startEmbeddedDatabase } from './embedded.ts';
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
