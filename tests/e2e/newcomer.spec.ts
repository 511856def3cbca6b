// What someone who just cloned the repository meets: `npm start` with no SMTP_URL and no
// DATABASE_URL. This spec runs its own copy of the built app that way (the shared test server has
// SMTP, for the other specs' mailbox), reads its terminal output, and signs in from it.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { startBuiltApp, type RunningApp } from './support/app.ts';

const ME = 'newcomer-admin@example.org';

let app: RunningApp;
let origin: string;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	app = await startBuiltApp('.data/e2e-newcomer', {
		EMBEDDED_DB_PORT: '0',
		ADMIN_EMAILS: ME,
		MAIL_POLL_MS: '500',
		SMTP_URL: undefined,
		DATABASE_URL: undefined,
		AUTH_SECRET: undefined
	});
	origin = app.origin;
});

test.afterAll(async () => {
	await app?.stop();
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
	await expect.poll(() => line.exec(app.output())?.[1], { timeout: 15_000 }).toBeTruthy();
	await page.goto(line.exec(app.output())![1]!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Each Other');
	await page.getByLabel('Display name').fill('New Admin');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' })
	).toBeVisible();
});
