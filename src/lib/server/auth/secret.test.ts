import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { resolveAuthSecret } from './secret.ts';

let dataDir: string;
beforeEach(async () => {
	dataDir = await mkdtemp(path.join(tmpdir(), 'secret-'));
	vi.stubEnv('DATA_DIR', dataDir);
	vi.stubEnv('AUTH_SECRET', '');
	vi.stubEnv('DATABASE_URL', '');
});
afterEach(async () => {
	vi.unstubAllEnvs();
	await rm(dataDir, { recursive: true, force: true });
});

it('uses AUTH_SECRET when it is set', async () => {
	vi.stubEnv('AUTH_SECRET', 'from-the-environment');
	expect(await resolveAuthSecret(() => {})).toBe('from-the-environment');
});

it('requires AUTH_SECRET alongside DATABASE_URL, saying how to make one', async () => {
	vi.stubEnv('DATABASE_URL', 'postgresql://db.example/each_other');
	await expect(resolveAuthSecret(() => {})).rejects.toThrow(/AUTH_SECRET is not set.*openssl rand/);
});

it('generates one for the embedded database once, says so, and reuses it', async () => {
	const log: string[] = [];
	const first = await resolveAuthSecret((line) => log.push(line));
	const second = await resolveAuthSecret((line) => log.push(line));
	expect(first).toHaveLength(43);
	expect(second).toBe(first);
	expect(await readFile(path.join(dataDir, 'auth-secret'), 'utf8')).toBe(first);
	expect(log).toEqual([
		`Generated AUTH_SECRET into ${path.join(dataDir, 'auth-secret')} (set AUTH_SECRET to use your own).`
	]);
});
