// People in their own browsers, and the post one of them puts on the board.
import { expect, type Browser, type BrowserContextOptions, type Page } from '@playwright/test';
import { signInAs, type Role } from './auth.ts';

/** Someone signed in, in a browser context of their own, so several people can act side by side. */
export async function signedInPage(
	browser: Browser,
	role: Role,
	name: string,
	options: BrowserContextOptions = {}
) {
	const context = await browser.newContext(options);
	const who = await signInAs(context, role, name);
	return { page: await context.newPage(), context, ...who };
}

/** A signed-in neighbor in a browser context of their own. */
export const personPage = (browser: Browser, name: string) => signedInPage(browser, 'neighbor', name);

/**
 * Posts a need, or an offer of one, in Kensington through the real form; returns the post's path.
 * Without a category, a need asks for groceries and an offer is for a baby.
 */
export async function publish(page: Page, kind: 'need' | 'offer', title: string, category?: string) {
	await page.goto('/posts/new');
	await page.waitForLoadState('networkidle');
	await page
		.getByRole('radio', { name: kind === 'need' ? 'I need something' : 'I can offer something' })
		.check();
	await page.getByLabel('Title').fill(title);
	await page
		.getByLabel('Category')
		.selectOption({ label: category ?? (kind === 'need' ? 'Groceries & food' : 'Baby & kids') });
	await page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	if (kind === 'offer') await page.getByLabel('How many (offers)').fill('1');
	await page.getByRole('button', { name: 'Post it' }).click();
	await expect(page.getByRole('status')).toHaveText('Your post is on the board.');
	return new URL(page.url()).pathname;
}
