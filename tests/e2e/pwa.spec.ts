// The installable app: a valid manifest on every page that Chrome finds installable, a service worker
// that keeps Learn pages for offline reading and says honestly when anything else is out of reach, and a
// post written without a connection that is kept on the device and sent once when it returns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { expectAccessible } from './support/axe.ts';
import { personPage } from './support/people.ts';

const RUN = `pwa${Date.now().toString(36)}`;

// The other specs keep service workers out (playwright.config.ts); this one is about them.
test.use({ serviceWorkers: 'allow' });

/** Waits until the service worker controls the page, as on any visit after the first. */
async function controlled(page: Page) {
	await page.evaluate(() => navigator.serviceWorker.ready);
	if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
	await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
}

/** How many pages the service worker keeps whose address starts with `path`. */
const kept = (page: Page, path: string) =>
	page.evaluate(async (path) => {
		let count = 0;
		for (const name of await caches.keys()) {
			for (const request of await (await caches.open(name)).keys()) {
				if (new URL(request.url).pathname === path) count++;
			}
		}
		return count;
	}, path);

test('every page links a valid manifest in its language, with icons Chrome accepts', async ({
	page,
	request
}) => {
	for (const path of ['/', '/board', '/learn', '/signin']) {
		await page.goto(path);
		await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
			'href',
			'/manifest.webmanifest?locale=en'
		);
	}
	await page.goto('/learn?lang=es');
	const href = await page.locator('link[rel="manifest"]').getAttribute('href');
	expect(href).toBe('/manifest.webmanifest?locale=es');
	const response = await request.get(href!);
	expect(response.headers()['content-type']).toBe('application/manifest+json');
	const manifest = await response.json();
	expect(manifest).toMatchObject({
		name: 'Each Other',
		short_name: 'Each Other',
		lang: 'es',
		dir: 'ltr',
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: '#a8321b'
	});
	expect(manifest.description).toContain('Brooklyn');
	expect(manifest.description).not.toContain('Neighbors');
	expect((await (await request.get('/manifest.webmanifest?locale=ar')).json()).dir).toBe('rtl');
	for (const icon of manifest.icons as { src: string; sizes: string; purpose: string }[]) {
		const png = PNG.sync.read(await (await request.get(icon.src)).body());
		expect(`${png.width}x${png.height}`, icon.src).toBe(icon.sizes);
	}
	expect(
		manifest.icons.map((icon: { purpose: string; sizes: string }) => `${icon.sizes} ${icon.purpose}`)
	).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
});

test('Chrome finds the site installable', async ({ baseURL }, testInfo) => {
	// Chrome never offers to install from an incognito profile, which every Playwright context is: this
	// one gets a profile on disk.
	const profile = mkdtempSync(path.join(tmpdir(), 'pwa-profile-'));
	const { launchOptions } = testInfo.project.use;
	const context = await chromium.launchPersistentContext(profile, { ...launchOptions, baseURL });
	try {
		const page = await context.newPage();
		await page.goto('/?lang=es');
		await controlled(page);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		expect(installabilityErrors).toEqual([]);
		const { url, errors } = await cdp.send('Page.getAppManifest');
		expect(url).toContain('/manifest.webmanifest?locale=es');
		expect(errors).toEqual([]);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
});

test('the only script a reading page runs is the hashed line that registers the service worker', async ({
	page
}) => {
	const violations: string[] = [];
	page.on('console', (message) => {
		if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
	});
	const response = await page.goto('/board');
	expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self' 'sha256-[\w+/=]+'/);
	await controlled(page);
	expect(await page.locator('script[src]').count()).toBe(0);
	expect(violations).toEqual([]);
});

test('Learn pages read offline in the language they were read in; other pages say they are offline', async ({
	page,
	context
}) => {
	await page.goto('/learn?lang=es');
	await controlled(page);
	await page.goto('/learn/what-is-mutual-aid');
	const heading = await page.getByRole('heading', { level: 1 }).textContent();
	await expect.poll(() => kept(page, '/learn/what-is-mutual-aid')).toBeGreaterThan(0);
	await expect.poll(() => kept(page, '/offline')).toBeGreaterThan(0);

	await context.setOffline(true);
	try {
		await page.goto('/learn/what-is-mutual-aid');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading!);
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');

		await page.goto('/board');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Estás sin conexión');
		await expect(page.getByRole('link', { name: /Aprender/ }).first()).toBeVisible();
		await expectAccessible(page);
	} finally {
		await context.setOffline(false);
	}
});

test('a signed-in person’s pages are private and never kept by the service worker', async ({ browser }) => {
	const { page } = await personPage(browser, 'Priya');
	const response = await page.goto('/account');
	expect(response!.headers()['cache-control']).toBe('private, no-cache');
	await controlled(page);
	await page.goto('/posts/mine');
	await page.goto('/learn');
	await expect.poll(() => kept(page, '/learn')).toBeGreaterThan(0);
	expect(await kept(page, '/account')).toBe(0);
	expect(await kept(page, '/posts/mine')).toBe(0);
	// The Learn page kept is the anonymous one: no account links in it.
	const header = await page.evaluate(async () => {
		const keys = await (await caches.open((await caches.keys()).find((n) => n.startsWith('pages-'))!)).keys();
		const learn = keys.find((request) => new URL(request.url).pathname === '/learn')!;
		return (await (await caches.match(learn))!.text()).includes('href="/account"');
	});
	expect(header).toBe(false);
});

test('a post written offline is kept on the device and sent once when the connection returns', async ({
	browser
}) => {
	const { page, context } = await personPage(browser, 'Olu');
	const title = `Stroller to lend ${RUN}`;
	await page.goto('/posts/new');
	await controlled(page);
	await page.getByRole('radio', { name: 'I can offer something' }).check();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Baby & kids' });
	await page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	await page.getByLabel('How many (offers)').fill('1');

	await context.setOffline(true);
	await page.getByRole('button', { name: 'Post it' }).click();
	const status = page.locator('#outbox-status');
	await expect(status).toHaveText(/kept on this device and will be sent when you're back online/);
	await expect(page).toHaveURL(/\/posts\/new$/);
	expect(await page.evaluate(() => localStorage.getItem('each-other-outbox'))).toContain(title);
	await expectAccessible(page);

	await context.setOffline(false);
	await expect(status).toHaveText(/has been sent/);
	const open = status.getByRole('link', { name: 'Open it' });
	await expect(open).toHaveAttribute('href', /^\/posts\/\d+$/);
	expect(await page.evaluate(() => localStorage.getItem('each-other-outbox'))).toBeNull();

	// Sent again with the same key (a lost answer, another tab): still one post.
	const postPath = await open.getAttribute('href');
	await page.goto('/posts/mine');
	await expect(page.getByRole('link', { name: title })).toHaveCount(1);
	await page.goto(postPath!);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
});
