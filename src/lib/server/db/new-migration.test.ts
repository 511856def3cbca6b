import { cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createMigration, migrationFolderName } from './new-migration.ts';

let dir: string;
beforeEach(async () => {
	dir = await mkdtemp(path.join(tmpdir(), 'migrations-'));
	await cp('prisma/migrations', dir, { recursive: true });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const NOW = new Date('2031-02-03T04:05:06.789Z');

it("names the folder with Prisma's UTC timestamp", () => {
	expect(migrationFolderName('post_photos', NOW, ['20261126145713_places'])).toBe(
		'20310203040506_post_photos'
	);
});

it('sorts after the newest existing migration even when the clock is behind it', () => {
	const existing = ['20261126145713_places', '20320101235959_later', 'migration_lock.toml'];
	expect(migrationFolderName('post_photos', NOW, existing)).toBe('20320102000000_post_photos');
});

it.each(['', 'Post Photos', 'post-photos', '../escape'])('refuses the name %j', (name) => {
	expect(() => migrationFolderName(name, NOW, [])).toThrow(/snake_case/);
});

it('writes migration.sql in a new folder after checking it applies on top of the others', async () => {
	const file = await createMigration(
		dir,
		'post_photos',
		'ALTER TABLE "posts" ADD COLUMN "photo_url" TEXT;',
		NOW
	);
	expect(path.relative(dir, file)).toBe(path.join('20310203040506_post_photos', 'migration.sql'));
	expect(await readFile(file, 'utf8')).toBe('ALTER TABLE "posts" ADD COLUMN "photo_url" TEXT;\n');
}, 120_000);

it('refuses SQL that does not apply, and leaves no folder behind', async () => {
	const before = await readdir(dir);
	await expect(
		createMigration(dir, 'broken', 'ALTER TABLE "no_such_table" ADD COLUMN "x" TEXT;', NOW)
	).rejects.toThrow(/Migration 20310203040506_broken failed.*no_such_table/);
	expect(await readdir(dir)).toEqual(before);
}, 120_000);
