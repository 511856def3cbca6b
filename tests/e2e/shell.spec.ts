import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';

test('the language switcher changes the language and remembers it', async ({ page }) => {
	await page.goto('/networks');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await page.getByRole('navigation', { name: 'Language' }).getByRole('link', { name: 'Español' }).click();
	await expect(page).toHaveURL('/networks');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expect(page.locator('html')).toHaveAttribute('dir', 'ltr');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Redes de ayuda mutua');
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Each Other' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ayuda mutua en Brooklyn y Queens');
	await page.getByRole('navigation', { name: 'Idioma' }).getByRole('link', { name: 'English' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mutual aid in Brooklyn and Queens');
});

test.describe('with a Spanish-speaking browser', () => {
	test.use({ locale: 'es-US', extraHTTPHeaders: { 'Accept-Language': 'es-US,es;q=0.9,en;q=0.5' } });

	test('pages come in Spanish without choosing', async ({ page }) => {
		await page.goto('/neighborhoods/bay-ridge');
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByText('Todavía no conocemos una red que cubra Bay Ridge.')).toBeVisible();
		await expectAccessible(page);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('browsing neighborhoods and switching language still work', async ({ page }) => {
		await page.goto('/');
		await page.getByTestId('neighborhoods-queens').getByRole('link', { name: 'Ridgewood' }).click();
		await expect(page.getByRole('heading', { level: 3 }).first()).toBeVisible();
		await page.getByRole('link', { name: 'Español' }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'es');
		await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText('Redes de ayuda mutua aquí');
	});
});

test('keyboard users can skip straight to the content', async ({ page }) => {
	await page.goto('/');
	await page.keyboard.press('Tab');
	const skip = page.getByRole('link', { name: 'Skip to main content' });
	await expect(skip).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page).toHaveURL(/#main$/);
});

test('the header offers Board, Networks, Learn and Sign in, and the footer credits the data', async ({
	page
}) => {
	await page.goto('/');
	await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
		'Board',
		'Networks',
		'Learn',
		'Sign in'
	]);
	await expect(page.getByRole('contentinfo')).toContainText('NYC Department of City Planning');
});
