import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';

test('the home page lists every residential neighborhood of Brooklyn and Queens', async ({ page }) => {
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mutual aid in Brooklyn and Queens');
	await expect(page.getByTestId('neighborhoods-brooklyn').getByRole('link')).toHaveCount(53);
	await expect(page.getByTestId('neighborhoods-queens').getByRole('link')).toHaveCount(59);
	await expectAccessible(page);
});

test('a neighborhood page names the networks that cover it', async ({ page }) => {
	await page.goto('/');
	await page.getByTestId('neighborhoods-brooklyn').getByRole('link', { name: 'Bushwick (West)' }).click();
	await expect(page).toHaveURL('/neighborhoods/bushwick-west');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bushwick (West)');
	const networks = page
		.getByRole('region', { name: 'Mutual aid networks here' })
		.getByRole('heading', { level: 3 });
	await expect(networks).toHaveText([
		'Bushwick Ayuda Mutua (BAM)',
		'Bushwick Mutual Aid (Facebook group)',
		"GG's Social Trade & Treasure Club"
	]);
	await expect(page.getByText('Listed from public directories, not yet verified').first()).toBeVisible();
	await expectAccessible(page);
});

test('a neighborhood with no known network points to borough-wide and citywide ones', async ({ page }) => {
	await page.goto('/neighborhoods/bay-ridge');
	await expect(page.getByText("We don't know of a network that covers Bay Ridge yet.")).toBeVisible();
	await expect(page.getByRole('link', { name: 'Mutual Aid NYC (MANYC)', exact: true })).toBeVisible();
	await expectAccessible(page);
});

test('networks are grouped by borough and each shows its sources', async ({ page }) => {
	await page.goto('/networks');
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Brooklyn', 'Queens', 'Citywide']);
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Astoria Mutual Aid Network (AMAN)', exact: true }).click();
	await expect(page).toHaveURL('/networks/astoria-mutual-aid-network');
	await expect(page.getByText('Listed from public directories, not yet verified')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Astoria (Central)', exact: true })).toHaveAttribute(
		'href',
		'/neighborhoods/astoria-central'
	);
	// The sources wait behind their disclosure, below what a neighbor came for.
	await page.getByText('Sources: where this listing comes from').click();
	await expect(page.getByRole('link', { name: /sunnysidepost\.com/ })).toBeVisible();
	await expectAccessible(page);
});

test('an unknown neighborhood is a friendly 404', async ({ page }) => {
	const response = await page.goto('/neighborhoods/atlantis');
	expect(response?.status()).toBe(404);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
	await expectAccessible(page);
});

test('the pages not yet built say so plainly', async ({ page }) => {
	for (const [path, heading] of [
		['/board', 'Board'],
		['/signin', 'Sign in'],
		['/data', 'Where our data comes from']
	] as const) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
		await expectAccessible(page);
	}
});

test('/healthz reports the database', async ({ request }) => {
	const response = await request.get('/healthz');
	expect(response.status()).toBe(200);
	expect(await response.json()).toEqual({ db: 'ok' });
});
