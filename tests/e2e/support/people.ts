// People in their own browsers, and the post one of them puts on the board, for the claim specs.
import { expect, type Browser, type Page } from '@playwright/test';
import { signInAs } from './auth.ts';

/** A signed-in neighbor in a browser context of their own, so two people can act side by side. */
export async function personPage(browser: Browser, name: string) {
	const context = await browser.newContext();
	const who = await signInAs(context, 'neighbor', name);
	return { page: await context.newPage(), context, ...who };
}

/** Posts a need, or an offer of one, in Kensington through the real form; returns the post's path. */
export async function publish(page: Page, kind: 'need' | 'offer', title: string) {
	await page.goto('/posts/new');
	await page.waitForLoadState('networkidle');
	await page
		.getByRole('radio', { name: kind === 'need' ? 'I need something' : 'I can offer something' })
		.check();
	await page.getByLabel('Title').fill(title);
	await page
		.getByLabel('Category')
		.selectOption({ label: kind === 'need' ? 'Groceries & food' : 'Baby & kids' });
	await page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	if (kind === 'offer') await page.getByLabel('How many (offers)').fill('1');
	await page.getByRole('button', { name: 'Post it' }).click();
	await expect(page.getByRole('status')).toHaveText('Your post is on the board.');
	return new URL(page.url()).pathname;
}
