// What someone who just cloned the repository meets: `npm start` with no SMTP_URL and no
// DATABASE_URL. This spec runs its own copy of the built app that way (the shared test server has
// SMTP, for the other specs' mailbox), reads its terminal output, and signs in from it.
import { spawn, type ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { freePort } from '../support/ports.ts';

const DATA_DIR = '.data/e2e-newcomer';
const ME = 'newcomer-admin@example.org';

let app: ChildProcess;
let origin: string;
let terminal = '';

test.beforeAll(async () => {
	test.setTimeout(240_000);
	rmSync(DATA_DIR, { recursive: true, force: true });
	const port = await freePort();
	origin = `http://localhost:${port}`;
	const env: NodeJS.ProcessEnv = {
		...process.env,
		PORT: String(port),
		DATA_DIR,
		EMBEDDED_DB_PORT: '0',
		ADMIN_EMAILS: ME,
		MAIL_POLL_MS: '500'
	};
	for (const name of ['SMTP_URL', 'DATABASE_URL', 'AUTH_SECRET']) delete env[name];
	env.ORIGIN = origin;
	// The Playwright web server has just built the app; serve that build as `npm start` does, but
	// without start.js's rebuild check, which could replace the build under the shared test server.
	app = spawn(process.execPath, ['build/index.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
	app.stdout!.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
	app.stderr!.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
	await expect
		.poll(
			() =>
				fetch(`${origin}/healthz`).then(
					(r) => r.status,
					() => 0
				),
			{ timeout: 200_000 }
		)
		.toBe(200);
});

test.afterAll(async () => {
	app?.kill('SIGTERM');
	await new Promise((resolve) => app?.once('exit', resolve));
	rmSync(DATA_DIR, { recursive: true, force: true });
});

test('without a mail server the pages say the link is in the terminal; ADMIN_EMAILS makes an admin', async ({
	page
}) => {
	await page.goto(`${origin}/signin`);
	await expect(page.getByText('the link is printed in the terminal where the app is running')).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Email address').fill(ME);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await expect(page.getByText(`We sent a sign-in link to ${ME}.`)).toBeVisible();
	await expect(page.getByText('the link is printed in the terminal where the app is running')).toBeVisible();
	await expectAccessible(page);

	// The line is JSON (the terminal here is a pipe), so the link ends at its closing quote.
	const line = new RegExp(`\\[mail\\] to=${ME.replace('.', '\\.')} .* links=([^\\s"]+)`);
	await expect.poll(() => line.exec(terminal)?.[1], { timeout: 15_000 }).toBeTruthy();
	await page.goto(line.exec(terminal)![1]!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Each Other');
	await page.getByLabel('Display name').fill('New Admin');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })
	).toBeVisible();
});
