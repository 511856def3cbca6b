// The VAPID key pair that signs every push message and that each device's subscription is bound to:
// given in the environment, or generated once beside the embedded database like AUTH_SECRET. A new pair
// would orphan every subscription, so it is never replaced once written.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { databaseConfig, webPushConfig } from '../config.ts';
import { logLine } from '../log.ts';

export interface VapidKeys {
	publicKey: string;
	privateKey: string;
}

let resolved: Promise<VapidKeys> | undefined;

async function resolve(log: (line: string) => void): Promise<VapidKeys> {
	const { keys } = webPushConfig();
	if (keys) return keys;
	const config = databaseConfig();
	if (config.url) {
		// Instances sharing one database must sign with one pair.
		throw new Error(
			'WEB_PUSH=on with DATABASE_URL set needs VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY: generate them with `npx web-push generate-vapid-keys`.'
		);
	}
	const file = path.join(config.dataDir, 'vapid-keys.json');
	const existing = await readFile(file, 'utf8').catch(() => '');
	if (existing.trim()) return JSON.parse(existing) as VapidKeys;
	const { default: webpush } = await import('web-push');
	const generated = webpush.generateVAPIDKeys();
	await mkdir(config.dataDir, { recursive: true });
	await writeFile(file, JSON.stringify(generated), { mode: 0o600 });
	log(
		`Generated VAPID keys for web push into ${file} (set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY to use your own).`
	);
	return generated;
}

export function vapidKeys(log: (line: string) => void = logLine): Promise<VapidKeys> {
	resolved ??= resolve(log).catch((error: unknown) => {
		resolved = undefined;
		throw error;
	});
	return resolved;
}

/** Tests switch DATA_DIR and the environment between cases. */
export function forgetVapidKeys() {
	resolved = undefined;
}
