import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';

const PAGES = [
	'/learn',
	'/learn/what-is-mutual-aid',
	'/learn/mutual-aid-vs-charity',
	'/learn/examples',
	'/learn/how-this-board-works',
	'/learn/get-involved',
	'/learn/further-reading'
];

for (const locale of ['en', 'es'] as const) {
	test(`every Learn page exists in ${locale}, with contents, sources and a review date, and passes axe`, async ({
		page
	}) => {
		await page.goto(`/learn?lang=${locale}`);
		await expect(page.locator('html')).toHaveAttribute('lang', locale);
		for (const path of PAGES) {
			const response = await page.goto(path);
			expect(response?.status(), path).toBe(200);
			await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
			await expect(page.locator('article')).not.toHaveAttribute('lang', /.+/); // translated, not a fallback
			await expect(
				page.getByText(locale === 'en' ? /Last reviewed/ : /Revisado por última vez/)
			).toBeVisible();
			if (path !== '/learn') {
				await expect(
					page.getByRole('heading', { name: locale === 'en' ? 'Sources' : 'Fuentes' })
				).toBeVisible();
			}
			await expectAccessible(page);
		}
	});
}

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the comparison page reads and links to its sources', async ({ page }) => {
		await page.goto('/learn');
		await page.getByRole('link', { name: 'Mutual aid vs. charity' }).first().click();
		await expect(page).toHaveURL('/learn/mutual-aid-vs-charity');
		const rows = page.locator('table tbody tr');
		expect(await rows.count()).toBeGreaterThanOrEqual(6);
		await expect(page.getByRole('columnheader', { name: 'Mutual aid' })).toBeVisible();

		await page.getByRole('navigation', { name: 'On this page' }).getByRole('link').first().click();
		await expect(page).toHaveURL(/#side-by-side$/);
		const citation = page.locator('a[href^="#source-"]').first();
		const target = await citation.getAttribute('href');
		await citation.click();
		await expect(page.locator(target!)).toBeInViewport();
	});
});

test('the board reminds people what mutual aid is, with a link to learn more', async ({ page }) => {
	await page.goto('/board');
	await page.waitForLoadState('networkidle');
	await page.getByRole('link', { name: 'How mutual aid differs from charity' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mutual aid vs. charity');
});

test('an unknown Learn page is a 404', async ({ page }) => {
	const response = await page.goto('/learn/index');
	expect(response?.status()).toBe(404);
});
