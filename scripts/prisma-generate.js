// Runs `prisma generate` on install. Prisma 7's CLI insists on locating a schema-engine binary it
// cannot download on offline machines; the generator never runs it, so any executable will do.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

/** @type {NodeJS.ProcessEnv} */
const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: '1', CHECKPOINT_DISABLE: '1' };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY || !existsSync(env.PRISMA_SCHEMA_ENGINE_BINARY)) {
	env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
}
execFileSync(process.execPath, ['node_modules/prisma/build/index.js', 'generate'], { stdio: 'inherit', env });
