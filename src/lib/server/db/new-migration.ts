// Writing a migration where Prisma's schema engine cannot be downloaded (npm run db:new-migration).
// Without the engine nothing here can diff prisma/schema.prisma against the database, so the SQL is
// written by hand; what this does is the rest of Prisma's job: the folder's name and layout, in order
// after every existing migration, and proof that the SQL applies on top of them in a throwaway
// database before anyone commits it.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedDatabase } from './embedded.ts';
import { applyMigrations, MigrationError } from './migrate.ts';

const NAME = /^[a-z0-9_]+$/;
const STAMP = /^(\d{14})_/;

/** Prisma's UTC yyyyMMddHHmmss. */
const stamp = (date: Date) => date.toISOString().replace(/\D/g, '').slice(0, 14);

/**
 * `<timestamp>_<name>`. Migrations apply in name order, so a clock behind the newest existing folder
 * (another contributor's, or a skewed machine) gets the second after it instead of sorting before it.
 */
export function migrationFolderName(name: string, now: Date, existing: string[]): string {
	if (!NAME.test(name)) {
		throw new MigrationError(`Name migrations in snake_case (a-z, 0-9, _), e.g. post_photos; got "${name}".`);
	}
	const latest = existing
		.map((folder) => STAMP.exec(folder)?.[1])
		.filter((value): value is string => !!value)
		.sort()
		.at(-1);
	let when = stamp(now);
	if (latest && when <= latest) {
		const iso = latest.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)$/, '$1-$2-$3T$4:$5:$6Z');
		const next = new Date(Date.parse(iso) + 1000);
		when = stamp(next);
	}
	return `${when}_${name}`;
}

/** Applies every migration in `dir` to a fresh in-memory database; throws the failing one's error. */
export async function checkMigrationsApply(dir: string): Promise<string[]> {
	const scratch = await startEmbeddedDatabase({ port: 0, maxConnections: 2 });
	const client = new pg.Client({ connectionString: scratch.url });
	try {
		await client.connect();
		return await applyMigrations(client, dir);
	} finally {
		await client.end().catch(() => {});
		await scratch.stop();
	}
}

/**
 * Writes `<dir>/<timestamp>_<name>/migration.sql` and checks that it applies after the others. SQL
 * that does not apply is removed again, so a broken migration is never left for the app to trip on.
 */
export async function createMigration(dir: string, name: string, sql: string, now = new Date()) {
	const folder = migrationFolderName(name, now, await readdir(dir));
	const file = path.join(dir, folder, 'migration.sql');
	await mkdir(path.dirname(file));
	await writeFile(file, sql.endsWith('\n') ? sql : `${sql}\n`);
	try {
		await checkMigrationsApply(dir);
	} catch (error) {
		await rm(path.dirname(file), { recursive: true, force: true });
		throw error;
	}
	return file;
}
