import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseConfig } from '../config.ts';
import { logLine } from '../log.ts';

/**
 * AUTH_SECRET signs sessions and hashes sign-in tokens. A deployment (DATABASE_URL set) must provide
 * it; the zero-setup embedded default generates one, once, beside its database.
 */
export async function resolveAuthSecret(log: (line: string) => void = logLine): Promise<string> {
	if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
	const config = databaseConfig();
	if (config.url) {
		throw new Error(
			'AUTH_SECRET is not set. With DATABASE_URL set it is required: generate one with `openssl rand -base64 32`.'
		);
	}
	const file = path.join(config.dataDir, 'auth-secret');
	const existing = await readFile(file, 'utf8').catch(() => '');
	if (existing.trim()) return existing.trim();
	const secret = randomBytes(32).toString('base64url');
	await mkdir(config.dataDir, { recursive: true });
	await writeFile(file, secret, { mode: 0o600 });
	log(`Generated AUTH_SECRET into ${file} (set AUTH_SECRET to use your own).`);
	return secret;
}
