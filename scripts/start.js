// npm start: builds the app when the build is missing or older than the sources, then serves it
// (scripts/serve.js). The server itself starts the embedded database (unless DATABASE_URL is set),
// migrates and seeds.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const SOURCES = [
	'src',
	'static',
	'messages',
	'prisma/schema.prisma',
	'project.inlang/settings.json',
	'svelte.config.js',
	'vite.config.ts',
	'package-lock.json'
];
const BUILD_MARKER = 'build/handler.js';

/** @param {string} entry @returns {number} newest modification time under entry, in ms */
function newestChange(entry) {
	if (!existsSync(entry)) return 0;
	const stats = statSync(entry);
	if (!stats.isDirectory()) return stats.mtimeMs;
	return Math.max(0, ...readdirSync(entry).map((name) => newestChange(path.join(entry, name))));
}

function buildIsStale() {
	if (!existsSync(BUILD_MARKER)) return true;
	const built = statSync(BUILD_MARKER).mtimeMs;
	return SOURCES.some((source) => newestChange(source) > built);
}

if (buildIsStale()) {
	console.log('Building Each Other (first start or sources changed)...');
	execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], {
		stdio: 'inherit'
	});
}

await import('./serve.js');
