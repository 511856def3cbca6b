// Applies prisma/migrations the way `prisma migrate deploy` does, without Prisma's schema-engine binary
// (it cannot be downloaded on offline machines). Both tools must agree on what has been applied, so the
// bookkeeping table, its rows and the advisory lock are Prisma's own. One difference on purpose: each
// migration runs in a transaction with its row, so a failure leaves neither half-applied SQL nor a row.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type pg from 'pg';

/** The key Prisma's schema engine takes with pg_advisory_lock while it migrates. */
export const PRISMA_ADVISORY_LOCK_KEY = 72707369;

/** Prisma's DDL for its bookkeeping table, column for column. */
export const PRISMA_MIGRATIONS_TABLE_DDL = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export interface Migration {
	name: string;
	sql: string;
	checksum: string;
}

export class MigrationError extends Error {
	override name = 'MigrationError';
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** Prisma accepts a file whose line endings changed since it was applied; so do we. */
function matchesChecksum(migration: Migration, checksum: string): boolean {
	return migration.checksum === checksum || sha256(migration.sql.replace(/\r\n/g, '\n')) === checksum;
}

export async function readMigrations(dir: string): Promise<Migration[]> {
	let entries: string[];
	try {
		entries = await readdir(dir);
	} catch {
		throw new MigrationError(`No migrations folder at ${dir}. Run the command from the project root.`);
	}
	const migrations: Migration[] = [];
	for (const name of entries.sort()) {
		const file = path.join(dir, name, 'migration.sql');
		if (!(await stat(path.join(dir, name))).isDirectory()) continue;
		const sql = await readFile(file, 'utf8').catch(() => {
			throw new MigrationError(`Migration folder ${name} has no migration.sql.`);
		});
		migrations.push({ name, sql, checksum: sha256(sql) });
	}
	return migrations;
}

interface AppliedRow {
	migration_name: string;
	checksum: string;
	finished_at: Date | null;
	rolled_back_at: Date | null;
}

/** Refuses to go on when the database and the folder disagree about the past, as Prisma does. */
function checkHistory(migrations: Migration[], rows: AppliedRow[]): Set<string> {
	const byName = new Map(migrations.map((m) => [m.name, m]));
	const applied = new Set<string>();
	for (const row of rows) {
		if (row.rolled_back_at) continue;
		if (!row.finished_at) {
			throw new MigrationError(
				`Migration ${row.migration_name} started but never finished in this database. ` +
					'Fix the database by hand, then mark it rolled back (prisma migrate resolve --rolled-back).'
			);
		}
		const migration = byName.get(row.migration_name);
		if (!migration) {
			throw new MigrationError(
				`Migration ${row.migration_name} is applied to the database but missing from prisma/migrations. ` +
					'Restore the folder (check out the branch that added it) before migrating.'
			);
		}
		if (!matchesChecksum(migration, row.checksum)) {
			throw new MigrationError(
				`Migration ${row.migration_name} was edited after it was applied. ` +
					'Put the file back as it was and write the change as a new migration.'
			);
		}
		applied.add(row.migration_name);
	}
	return applied;
}

/**
 * Applies every migration in `dir` that the database lacks, in name order. Returns the names applied.
 * The client must be a dedicated connection: the advisory lock and transactions are per session.
 */
export async function applyMigrations(
	client: pg.ClientBase,
	dir: string,
	log: (line: string) => void = () => {}
): Promise<string[]> {
	const migrations = await readMigrations(dir);
	await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
	try {
		await client.query(PRISMA_MIGRATIONS_TABLE_DDL);
		const { rows } = await client.query<AppliedRow>(
			'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at'
		);
		const applied = checkHistory(migrations, rows);
		const pending = migrations.filter((m) => !applied.has(m.name));
		for (const migration of pending) {
			await applyOne(client, migration);
			log(`Applied migration ${migration.name}`);
		}
		return pending.map((m) => m.name);
	} finally {
		await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK_KEY]);
	}
}

async function applyOne(client: pg.ClientBase, migration: Migration) {
	const id = randomUUID();
	await client.query('BEGIN');
	try {
		await client.query(
			'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
			[id, migration.checksum, migration.name]
		);
		// No parameters: pg sends the file with the simple query protocol, which runs many statements.
		await client.query(migration.sql);
		await client.query(
			'UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = applied_steps_count + 1 WHERE id = $1',
			[id]
		);
		await client.query('COMMIT');
	} catch (error) {
		await client.query('ROLLBACK');
		const reason = error instanceof Error ? error.message : String(error);
		throw new MigrationError(`Migration ${migration.name} failed and was rolled back: ${reason}`, {
			cause: error
		});
	}
}
