// The anonymous page cache in the running app: what anonymous readers share, signed-in people never get,
// and a write shows on the very next anonymous request (http/page-cache.ts has the rules one by one).
import { expect, test } from '@playwright/test';
import { startBuiltApp, type RunningApp } from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { seedSession, SESSION_COOKIE } from './support/auth.ts';
import { databaseUrl, SMTP_PORT } from './support/env.ts';
import { publish, signedInPage } from './support/people.ts';

// The shared test server runs without the cache (playwright.config.ts); this instance, on the same
// database, runs with it as a deployment would.
let cached: RunningApp;

test.beforeAll(async () => {
	test.setTimeout(240_000);
	cached = await startBuiltApp(
		'.data/e2e-page-cache',
		{
			DATABASE_URL: databaseUrl(),
			DB_POOL_SIZE: '2',
			AUTH_SECRET: 'e2e-only-secret-not-for-production-use-000000',
			SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
			PAGE_CACHE: 'on',
			LOG_LEVEL: 'warn'
		},
		'scripts/serve.js'
	);
});

test.afterAll(async () => {
	await cached?.stop();
});

const BOARD = '/board?q=cached';

/**
 * Asks for a fresh address twice and returns both answers once the second is a hit. This instance's
 * scheduled jobs empty its cache when they run (every minute, the first five seconds after start), and a
 * page rendered while they ran is not kept; so a pair that straddled them is asked again, at a new
 * address, up to three times. A cache that never answers still fails: the last pair is returned as it is.
 */
async function askedTwice<Answer extends { state: string | null | undefined }>(
	ask: (address: string) => Promise<Answer>,
	path: string
) {
	for (let attempt = 1; ; attempt++) {
		const address = `${path}${path.includes('?') ? '&' : '?'}pair=${attempt}-${Date.now().toString(36)}`;
		const first = await ask(address);
		const second = await ask(address);
		if (second.state === 'hit' || attempt === 3) return { address, first, second };
	}
}

test('anonymous readers share a page per language; signed-in people never get it; a new post shows at once', async ({
	browser,
	page,
	playwright
}) => {
	// A fresh client each time, so no cookie from one request rides along on the next.
	const anonymous = async (path: string, headers: Record<string, string> = {}) => {
		const client = await playwright.request.newContext({ baseURL: cached.origin });
		const response = await client.get(path, { headers });
		const result = { state: response.headers()['x-page-cache'], html: await response.text() };
		await client.dispose();
		return result;
	};

	const english = await askedTwice((address) => anonymous(address), BOARD);
	expect(english.first.state).toBe('miss');
	expect(english.second.state).toBe('hit');

	const spanish = { cookie: 'PARAGLIDE_LOCALE=es' };
	const inSpanish = await askedTwice((address) => anonymous(address, spanish), BOARD);
	expect(inSpanish.second.state).toBe('hit');
	expect(inSpanish.second.html).toContain('<html lang="es"');
	expect((await anonymous(inSpanish.address)).html).toContain('<html lang="en"');

	const { sessionToken } = await seedSession('neighbor', 'Cache Reader');
	const signedIn = await anonymous(BOARD, { cookie: `${SESSION_COOKIE}=${sessionToken}` });
	expect(signedIn.state).toBeUndefined();
	expect(signedIn.html).toContain('href="/signout"');

	// The newest posts first: a new post goes to the top of the cached page.
	const before = await askedTwice((address) => anonymous(address), '/board');
	expect(before.second.state).toBe('hit');
	const title = `Cached board ${Date.now().toString(36)}`;
	const poster = await signedInPage(browser, 'neighbor', 'Cache Poster', { baseURL: cached.origin });
	await publish(poster.page, 'need', title);
	await poster.context.close();
	const after = await anonymous(before.address);
	expect(after.state).toBe('miss');
	expect(after.html).toContain(title);

	await page.goto(`${cached.origin}${before.address}`);
	await expect(page.getByRole('link', { name: title })).toBeVisible();
	await expectAccessible(page);
});

test('a page from the cache, answered before SvelteKit, is the page SvelteKit sent, compressed or not', async () => {
	const get = async (address: string, encoding: string) => {
		const response = await fetch(`${cached.origin}${address}`, { headers: { 'accept-encoding': encoding } });
		return { state: response.headers.get('x-page-cache'), response };
	};
	const pair = await askedTwice((address) => get(address, 'identity'), '/learn');
	const rendered = pair.first.response;
	const hit = pair.second.response;
	expect(pair.first.state).toBe('miss');
	expect(pair.second.state).toBe('hit');
	const html = await rendered.text();
	expect(await hit.text()).toBe(html);
	for (const header of [
		'content-security-policy',
		'referrer-policy',
		'cross-origin-opener-policy',
		'x-content-type-options',
		'content-language',
		'etag'
	]) {
		expect(hit.headers.get(header), header).toBe(rendered.headers.get(header));
	}
	expect(rendered.headers.get('content-security-policy')).toBeTruthy();
	expect(hit.headers.get('x-request-id')).toBeTruthy();
	expect(hit.headers.get('x-request-id')).not.toBe(rendered.headers.get('x-request-id'));
	for (const encoding of ['br', 'gzip']) {
		const { response: compressed } = await get(pair.address, encoding);
		expect(compressed.headers.get('x-page-cache')).toBe('hit');
		expect(compressed.headers.get('content-encoding')).toBe(encoding);
		expect(await compressed.text()).toBe(html);
	}
	const again = await fetch(`${cached.origin}${pair.address}`, {
		headers: { 'if-none-match': rendered.headers.get('etag')! }
	});
	expect(again.status).toBe(304);
});
