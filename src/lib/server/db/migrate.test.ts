import { createHash } from 'node:crypto';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { applyMigrations, PRISMA_ADVISORY_LOCK_KEY, PRISMA_MIGRATIONS_TABLE_DDL } from './migrate.ts';
import { testDatabaseUrl } from '../../../../tests/support/database.ts';

// Each test migrates a schema of its own, reached through search_path, so nothing here touches the
// tables other tests use.
let client: pg.Client;
let dir: string;
let schema: string;
let counter = 0;

async function writeMigration(name: string, sql: string) {
	await mkdir(path.join(dir, name), { recursive: true });
	await writeFile(path.join(dir, name, 'migration.sql'), sql);
}

const rows = async () =>
	(
		await client.query(
			'SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count FROM "_prisma_migrations" ORDER BY started_at, migration_name'
		)
	).rows;

const tableExists = async (table: string) =>
	(await client.query('SELECT to_regclass($1) AS t', [`"${schema}"."${table}"`])).rows[0].t !== null;

beforeAll(async () => {
	client = new pg.Client({ connectionString: testDatabaseUrl() });
	await client.connect();
});

afterAll(async () => {
	await client.query('RESET search_path');
	await client.end();
});

beforeEach(async () => {
	schema = `applier_test_${process.pid}_${++counter}`;
	dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
	await client.query(`CREATE SCHEMA "${schema}"`);
	await client.query(`SET search_path TO "${schema}"`);
});

afterEach(async () => {
	await client.query('RESET search_path');
	await client.query(`DROP SCHEMA "${schema}" CASCADE`);
	await rm(dir, { recursive: true, force: true });
});

describe('applyMigrations', () => {
	it("creates Prisma's bookkeeping table with Prisma's columns", async () => {
		await writeMigration('20240101000000_first', 'CREATE TABLE a (id int);');
		await applyMigrations(client, dir);
		const { rows: columns } = await client.query(
			`SELECT column_name, data_type, character_maximum_length, is_nullable, column_default
			   FROM information_schema.columns WHERE table_schema = $1 AND table_name = '_prisma_migrations'
			  ORDER BY ordinal_position`,
			[schema]
		);
		expect(columns).toEqual([
			{
				column_name: 'id',
				data_type: 'character varying',
				character_maximum_length: 36,
				is_nullable: 'NO',
				column_default: null
			},
			{
				column_name: 'checksum',
				data_type: 'character varying',
				character_maximum_length: 64,
				is_nullable: 'NO',
				column_default: null
			},
			{
				column_name: 'finished_at',
				data_type: 'timestamp with time zone',
				character_maximum_length: null,
				is_nullable: 'YES',
				column_default: null
			},
			{
				column_name: 'migration_name',
				data_type: 'character varying',
				character_maximum_length: 255,
				is_nullable: 'NO',
				column_default: null
			},
			{
				column_name: 'logs',
				data_type: 'text',
				character_maximum_length: null,
				is_nullable: 'YES',
				column_default: null
			},
			{
				column_name: 'rolled_back_at',
				data_type: 'timestamp with time zone',
				character_maximum_length: null,
				is_nullable: 'YES',
				column_default: null
			},
			{
				column_name: 'started_at',
				data_type: 'timestamp with time zone',
				character_maximum_length: null,
				is_nullable: 'NO',
				column_default: 'now()'
			},
			{
				column_name: 'applied_steps_count',
				data_type: 'integer',
				character_maximum_length: null,
				is_nullable: 'NO',
				column_default: '0'
			}
		]);
	});

	it('applies migrations in name order and records rows the way Prisma does', async () => {
		// Written out of order on purpose: the second depends on the first.
		const second = 'ALTER TABLE things ADD COLUMN label text;';
		const first = 'CREATE TABLE things (id int PRIMARY KEY);';
		await writeMigration('20240102000000_label', second);
		await writeMigration('20240101000000_things', first);

		const applied = await applyMigrations(client, dir);

		expect(applied).toEqual(['20240101000000_things', '20240102000000_label']);
		const recorded = await rows();
		expect(recorded.map((r) => r.migration_name)).toEqual(applied);
		expect(recorded[0]).toMatchObject({
			checksum: createHash('sha256').update(first).digest('hex'),
			logs: null,
			rolled_back_at: null,
			applied_steps_count: 1
		});
		expect(recorded[1].checksum).toBe(createHash('sha256').update(second).digest('hex'));
		for (const row of recorded) {
			expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
			expect(row.finished_at.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
		}
	});

	it('does nothing the second time', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);');
		await applyMigrations(client, dir);
		expect(await applyMigrations(client, dir)).toEqual([]);
		expect(await rows()).toHaveLength(1);
	});

	it('applies only the migrations added since the last run', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);');
		await applyMigrations(client, dir);
		await writeMigration('20240102000000_more', 'CREATE TABLE more_things (id int);');
		expect(await applyMigrations(client, dir)).toEqual(['20240102000000_more']);
		expect(await tableExists('more_things')).toBe(true);
	});

	it('holds Prisma’s advisory lock while migrating and releases it afterwards', async () => {
		await writeMigration(
			'20240101000000_observe_lock',
			`CREATE TABLE lock_seen AS SELECT count(*)::int AS holders FROM pg_locks
			  WHERE locktype = 'advisory' AND objid = ${PRISMA_ADVISORY_LOCK_KEY} AND granted;`
		);
		await applyMigrations(client, dir);
		expect((await client.query('SELECT holders FROM lock_seen')).rows[0].holders).toBe(1);
		const after = await client.query(
			`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND objid = $1`,
			[PRISMA_ADVISORY_LOCK_KEY]
		);
		expect(after.rows[0].n).toBe(0);
	});

	it('rolls a failed migration back completely and records no row for it', async () => {
		await writeMigration('20240101000000_good', 'CREATE TABLE good (id int);');
		await writeMigration(
			'20240102000000_bad',
			'CREATE TABLE half_done (id int);\nINSERT INTO no_such_table VALUES (1);'
		);

		await expect(applyMigrations(client, dir)).rejects.toThrow(
			/Migration 20240102000000_bad failed and was rolled back: relation "no_such_table" does not exist/
		);
		expect((await rows()).map((r) => r.migration_name)).toEqual(['20240101000000_good']);
		expect(await tableExists('good')).toBe(true);
		expect(await tableExists('half_done')).toBe(false);
	});

	it('refuses to run when an applied migration was edited', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);');
		await applyMigrations(client, dir);
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id bigint);');
		await writeMigration('20240102000000_more', 'CREATE TABLE more_things (id int);');

		await expect(applyMigrations(client, dir)).rejects.toThrow(
			'Migration 20240101000000_things was edited after it was applied.'
		);
		expect(await tableExists('more_things')).toBe(false);
	});

	it('accepts an applied migration whose only change is Windows line endings', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);\nCREATE TABLE b (id int);');
		await applyMigrations(client, dir);
		await writeMigration(
			'20240101000000_things',
			'CREATE TABLE things (id int);\r\nCREATE TABLE b (id int);'
		);
		expect(await applyMigrations(client, dir)).toEqual([]);
	});

	it('refuses to run when an applied migration is missing from the folder', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);');
		await writeMigration('20240102000000_more', 'CREATE TABLE more_things (id int);');
		await applyMigrations(client, dir);
		await rm(path.join(dir, '20240101000000_things'), { recursive: true });

		await expect(applyMigrations(client, dir)).rejects.toThrow(
			'Migration 20240101000000_things is applied to the database but missing from prisma/migrations.'
		);
	});

	it('refuses to run over a migration Prisma left unfinished', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);');
		await applyMigrations(client, dir);
		await client.query(
			`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('00000000-0000-4000-8000-000000000000', 'x', '20240102000000_crashed')`
		);
		await expect(applyMigrations(client, dir)).rejects.toThrow(
			'Migration 20240102000000_crashed started but never finished'
		);
	});

	it('ignores migrations that were marked rolled back', async () => {
		await writeMigration('20240101000000_things', 'CREATE TABLE things (id int);');
		await client.query(PRISMA_MIGRATIONS_TABLE_DDL);
		await client.query(
			`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, rolled_back_at) VALUES ('00000000-0000-4000-8000-000000000001', 'x', '20240101000000_things', now())`
		);
		expect(await applyMigrations(client, dir)).toEqual(['20240101000000_things']);
	});

	it('says where to run from when the folder does not exist', async () => {
		await expect(applyMigrations(client, path.join(dir, 'nope'))).rejects.toThrow(/No migrations folder/);
	});
});
