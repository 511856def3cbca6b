// What each kind of page costs a neighbor on a slow phone plan: no page hydrates; a page with a form that
// posts loads one small script that marks the button busy, and a page that only reads loads none: its only
// script is the inline line that registers the service worker, about 120 bytes inside the page.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs } from './support/auth.ts';
import { personPage, publish } from './support/people.ts';

const RUN = `w${Date.now().toString(36)}`;
const MAX_SCRIPTS = 10;
const MAX_SCRIPT_BYTES = 25 * 1024;

/** Opens a page and returns the JavaScript it loaded: how many files and their size as sent (compressed). */
async function scriptWeight(page: Page, path: string) {
	// A module preloaded and then imported shows as two requests for one file; count the file once.
	const scripts = new Map<string, Promise<number>>();
	const onRequest = (request: import('@playwright/test').Request) => {
		if (request.resourceType() !== 'script' || scripts.has(request.url())) return;
		scripts.set(
			request.url(),
			request.response().then(async (response) => {
				expect(response?.ok(), `${request.url()} loaded`).toBe(true);
				const { responseBodySize } = await request.sizes();
				// A file the page already holds (preloaded, then imported) reports no size of its own.
				return responseBodySize > 0
					? responseBodySize
					: Number(await response!.headerValue('content-length'));
			})
		);
	};
	// Counted as on a first visit: from the cache a file's size reads as -1.
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
	page.on('request', onRequest);
	await page.goto(path);
	await page.waitForLoadState('networkidle');
	page.off('request', onRequest);
	await cdp.detach();
	const sizes = await Promise.all(scripts.values());
	const bytes = sizes.reduce((sum, size) => sum + size, 0);
	console.log(`${path.padEnd(40)} ${sizes.length} JS requests, ${(bytes / 1024).toFixed(1)} KB`);
	await expectAccessible(page);
	return { count: sizes.length, bytes };
}

async function expectLight(page: Page, path: string) {
	const { count, bytes } = await scriptWeight(page, path);
	expect(count, `${path}: JavaScript requests`).toBeLessThanOrEqual(MAX_SCRIPTS);
	expect(bytes, `${path}: JavaScript bytes`).toBeLessThanOrEqual(MAX_SCRIPT_BYTES);
	expect(count, `${path}: its forms get the busy button`).toBeGreaterThan(0);
}

const REGISTRATION_MAX_CHARS = 150;

async function expectNoScript(page: Page, path: string) {
	expect(await scriptWeight(page, path), `${path} reads only`).toEqual({ count: 0, bytes: 0 });
	const inline = await page.locator('script').allTextContents();
	expect(inline, `${path}: only the service worker's registration`).toEqual([
		expect.stringContaining("navigator.serviceWorker.register('/service-worker.js')")
	]);
	expect(inline[0]!.length).toBeLessThanOrEqual(REGISTRATION_MAX_CHARS);
}

test('pages that only read load no JavaScript', async ({ page }) => {
	test.setTimeout(120_000);
	for (const path of [
		'/',
		'/board',
		'/board?q=groceries',
		'/learn',
		'/learn/what-is-mutual-aid',
		'/networks',
		'/networks/ridgewood-mutual-aid-project',
		'/neighborhoods/kensington'
	]) {
		await expectNoScript(page, path);
	}
});

test('pages with forms stay within 10 scripts and 25 KB', async ({ browser }) => {
	test.setTimeout(180_000);
	const poster = await personPage(browser, 'Paz');
	const helper = await personPage(browser, 'Hana');
	await expectLight(poster.page, '/posts/new');
	const postPath = await publish(poster.page, 'need', `Diapers ${RUN}`);
	await expectLight(helper.page, postPath);
	await helper.page.getByLabel('A short note').fill('I have a pack');
	await helper.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(helper.page).toHaveURL(/\/claims\/\d+$/);
	await expectLight(helper.page, new URL(helper.page.url()).pathname);
	await expectLight(helper.page, '/account');

	const anonymous = await (await browser.newContext()).newPage();
	await expectLight(anonymous, '/signin');

	const admin = await browser.newContext();
	await signInAs(admin, 'admin', 'Ada');
	const adminPage = await admin.newPage();
	for (const path of ['/moderate', '/admin']) {
		const { count, bytes } = await scriptWeight(adminPage, path);
		expect(count, `${path}: JavaScript requests`).toBeLessThanOrEqual(MAX_SCRIPTS);
		expect(bytes, `${path}: JavaScript bytes`).toBeLessThanOrEqual(MAX_SCRIPT_BYTES);
	}
});

test('a form being sent shows it and is not sent twice', async ({ page }) => {
	await page.goto('/signin');
	// Stands in for a slow connection: after the app's own listener, each submit is counted and held
	// on this page, as if the server had not answered yet. (The other tests send forms for real.)
	await page.evaluate(() => {
		const held = window as unknown as { sends: number };
		held.sends = 0;
		document.addEventListener('submit', (event) => {
			if (!event.defaultPrevented) held.sends += 1;
			event.preventDefault();
		});
	});
	await page.getByLabel('Email address').fill(`${RUN}@example.org`);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	const sending = page.getByRole('button', { name: 'Sending…' });
	await expect(sending).toHaveAttribute('aria-disabled', 'true');
	// Playwright will not tap a button marked aria-disabled; a neighbor's thumb will.
	await sending.click({ force: true });
	expect(await page.evaluate(() => (window as unknown as { sends: number }).sends)).toBe(1);
	await expectAccessible(page);
});
