// Another copy of the built app, beside the shared test server: for specs that need a different set-up
// (no SMTP, no database) or a second instance on the same database.
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect } from '@playwright/test';
import { freePort } from '../../support/ports.ts';

export interface RunningApp {
	origin: string;
	/** Everything the app has printed so far. */
	output(): string;
	stop(): Promise<void>;
}

/**
 * Starts the built app with `env` (names set to undefined are removed) and waits for /healthz: by
 * default build/index.js alone; `scripts/serve.js` serves it as `npm start` does (compression, the page
 * cache's front door, and a first request to the home page right after listening).
 */
export async function startBuiltApp(
	dataDir: string,
	env: Record<string, string | undefined>,
	entry: 'build/index.js' | 'scripts/serve.js' = 'build/index.js'
): Promise<RunningApp> {
	rmSync(dataDir, { recursive: true, force: true });
	const port = await freePort();
	const origin = `http://localhost:${port}`;
	const merged: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), ORIGIN: origin, DATA_DIR: dataDir };
	for (const [name, value] of Object.entries(env)) {
		if (value === undefined) delete merged[name];
		else merged[name] = value;
	}
	// The Playwright web server has just built the app; never start.js, whose rebuild check could
	// replace the build under the shared test server.
	const app = spawn(process.execPath, [entry], {
		env: merged,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	app.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	app.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	// An app that stopped will never answer: say why at once rather than after the whole timeout.
	const died = new Promise<never>((_, reject) =>
		app.once('exit', (code) => reject(new Error(`the app exited with ${code}:\n${output}`)))
	);
	died.catch(() => {}); // a later, ordinary exit (stop()) is no failure
	const healthy = expect
		.poll(
			() =>
				fetch(`${origin}/healthz`).then(
					(r) => r.status,
					() => 0
				),
			{ timeout: 200_000 }
		)
		.toBe(200);
	healthy.catch(() => {}); // after a death the poll runs out on its own; the race has already failed
	await Promise.race([healthy, died]);
	return {
		origin,
		output: () => output,
		async stop() {
			const exited = new Promise((resolve) => app.once('exit', resolve));
			app.kill('SIGTERM');
			await exited;
			rmSync(dataDir, { recursive: true, force: true });
		}
	};
}
