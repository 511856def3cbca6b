// Several instances behind a proxy on one PostgreSQL, with a read replica for anonymous reads. The
// replica URL points at the same database, which is enough: the metrics show which pool served the reads.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { startBuiltApp, type RunningApp } from './support/app.ts';
import { signInAs } from './support/auth.ts';
import { databaseUrl, METRICS_TOKEN, SMTP_PORT } from './support/env.ts';

const TITLE = `Two instances ${Date.now().toString(36)}`;
let second: RunningApp;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	second = await startBuiltApp('.data/e2e-second', {
		DATABASE_URL: databaseUrl(),
		DATABASE_REPLICA_URL: databaseUrl(),
		// The embedded database (when the tests use it) serves a handful of connections in all.
		DB_POOL_SIZE: '2',
		AUTH_SECRET: 'e2e-only-secret-not-for-production-use-000000',
		SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
		METRICS_TOKEN,
		LOG_LEVEL: 'warn'
	});
});

test.afterAll(async () => {
	await second?.stop();
});

async function replicaConnections(origin: string) {
	const metrics = await fetch(`${origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
	const total = /eachother_db_pool_connections\{pool="replica",state="total"\} (\d+)/.exec(
		await metrics.text()
	);
	return Number(total?.[1]);
}

test('a post written on one instance is read on both; anonymous reads come from the replica', async ({
	browser,
	page
}) => {
	// Writing on the instance with the replica: the post must land on the primary.
	const context = await browser.newContext();
	await signInAs(context, 'neighbor', 'Two Instances');
	const poster = await context.newPage();
	await poster.goto(`${second.origin}/posts/new`);
	await poster.getByRole('radio', { name: 'I need something' }).check();
	await poster.getByLabel('Title').fill(TITLE);
	await poster.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await poster.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	await poster.getByRole('button', { name: 'Post it' }).click();
	// Signed in, she reads the primary, so her new post is there at once, replica lag or not.
	await expect(poster.getByRole('heading', { level: 1 })).toHaveText(TITLE);
	await context.close();

	expect(await replicaConnections(second.origin)).toBe(0);
	await page.goto(`${second.origin}/board?q=${encodeURIComponent(TITLE)}`);
	await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
	await expectAccessible(page);
	expect(await replicaConnections(second.origin)).toBeGreaterThan(0);

	// The shared test server, without a replica, shows it too.
	await page.goto(`/board?q=${encodeURIComponent(TITLE)}`);
	await expect(page.getByRole('link', { name: TITLE })).toBeVisible();
});
