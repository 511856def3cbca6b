// A network's roster as its moderators keep it: a spreadsheet's CSV imported through the page (with the
// duplicates and bad rows such files have), found again by the last digits of a phone, and a request
// marked delivered. Another network's moderator gets a 404 on every page and action.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import type { Role } from './support/auth.ts';
import { APP_PORT } from './support/env.ts';
import { signedInPage } from './support/people.ts';

const RHMA: Role = { network: 'red-hook-mutual-aid', role: 'MODERATOR' };
const ROSTER = '/moderate/networks/red-hook-mutual-aid/households';

const GOOD = Array.from({ length: 20 }, (_, i) => {
	const n = String(100 + i).padStart(4, '0');
	const languages = ['es;English', 'zh', 'English', 'ht;fr', 'Español'][i % 5];
	const requests = ['Groceries & food', 'Meals;Ropa', 'Household goods', 'Artículos del hogar;Baby & kids'][
		i % 4
	];
	return `Household ${i + 1},(718) 555-${n},${languages},${requests}`;
});
const CSV = [
	'name,phone,languages,requests',
	...GOOD,
	// Rows 22 and 23 repeat the numbers of rows 2 and 3; rows 24 to 26 cannot be imported.
	'Household 1 again,718-555-0100,fr,Clothing',
	'"Household 2, again",+1 718 555 0101,,Meals',
	'No Phone,,es,Meals',
	'Klingon Speaker,718 555 0150,Klingon,Meals',
	'Wrong Number,12345,en,Meals'
].join('\n');

/** A roster of `rows` households with a long note each: about 240 bytes a row. */
const bigRoster = (rows: number) =>
	[
		'name,phone,languages,requests,notes',
		...Array.from(
			{ length: rows },
			(_, i) => `Big ${i},(347) 2${String(i).padStart(6, '0')},en,Meals,${'n'.repeat(200)}`
		)
	].join('\n');

/** A table's rows as the text of their cells. */
const cellsOf = (table: Locator) =>
	table
		.locator('tr')
		.evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent?.trim())));

const fact = (page: Page, term: string) =>
	page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

test('a moderator imports a CSV, finds a household and marks a request delivered', async ({ browser }) => {
	test.setTimeout(360_000);
	const { page } = await signedInPage(browser, RHMA, 'Rhea');

	await page.goto('/moderate');
	await page
		.getByRole('listitem')
		.filter({ hasText: 'Red Hook Mutual Aid (RHMA)' })
		.getByRole('link', { name: 'Households' })
		.click();
	await expect(page).toHaveURL(ROSTER);
	await expect(page.getByText('No households yet.')).toBeVisible();
	await expectAccessible(page);

	await page.getByRole('link', { name: 'Import households from CSV' }).click();
	await expectAccessible(page);
	await page
		.getByLabel('CSV file')
		.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: 'Preview' }).click();

	// The dry run: the columns were recognised, nothing is on the roster yet.
	await expect(page.getByRole('heading', { name: 'Dry run: nothing imported yet' })).toBeVisible();
	await expect(page.getByLabel('Phone', { exact: true })).toHaveValue('1');
	await expect(fact(page, 'New households')).toHaveText('20');
	await expect(fact(page, 'Rows with the same phone as an earlier row, joined')).toHaveText('2');
	await expect(fact(page, 'Rows that cannot be imported')).toHaveText('3');

	const problems = page.getByRole('table', { name: 'Rows that cannot be imported, and why' });
	expect(await cellsOf(problems)).toEqual([
		['Row', 'Value', 'Why'],
		['24', 'No Phone', 'No phone number'],
		['25', 'Klingon', 'Unknown language'],
		['26', '12345', 'Enter a phone number with its area code, like 718 555 0100.']
	]);
	const joined = page.getByRole('table', { name: 'Rows joined by phone number' });
	expect(await cellsOf(joined)).toEqual([
		['Row', 'Why'],
		['22', 'Same phone as row 2'],
		['23', 'Same phone as row 3']
	]);
	await expectAccessible(page);

	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page).toHaveURL(ROSTER);
	await expect(page.getByRole('status')).toHaveText(
		'Imported: every row the preview could import is on the roster.'
	);

	// Found by the last four digits of its number.
	await expect(page.getByRole('row')).toHaveCount(21);
	await page.getByLabel('Search by name or the last 4 digits of a phone number').fill('0101');
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByRole('row')).toHaveCount(2);
	await expectAccessible(page);
	await page.getByRole('link', { name: 'Household 2' }).click();

	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Household 2');
	await expect(page.getByText('+17185550101')).toBeVisible();
	// Row 3 asked for meals and clothing; its duplicate (row 23) asked for meals again: still one request.
	const requests = page.getByRole('heading', { level: 3 });
	await expect(requests).toHaveText(['Clothing: open', 'Meals: open']);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Mark Meals delivered' }).click();
	await expect(page.getByRole('status')).toHaveText('Marked as delivered.');
	await expect(requests).toHaveText(['Clothing: open', 'Meals: delivered']);
	const meals = page.locator('li.card').filter({ hasText: 'Meals: delivered' });
	await meals.getByText('History').click();
	await expect(meals.locator('ol li')).toHaveText([/: Opened$/, /: Delivered$/]);
	await expect(page.getByRole('button', { name: 'Mark Meals delivered' })).toHaveCount(0);
	await expectAccessible(page);
	const householdPath = new URL(page.url()).pathname;

	// The dashboard counts it, without a name or a number.
	await page.goto('/moderate/networks/red-hook-mutual-aid/dashboard');
	await expect(fact(page, 'Households served').first()).toHaveText('1');
	await expect(page.getByRole('table', { name: 'Requests fulfilled per week' })).toContainText('Meals');
	await expect(page.getByText('Household 2')).toHaveCount(0);
	await expectAccessible(page);
	const counts = await page.request.get('/moderate/networks/red-hook-mutual-aid/counts.csv');
	expect(await counts.text()).toMatch(/^households_served,,,1\r$/m);

	// A roster over adapter-node's default body limit (512K) reaches the dry run; a file bigger than the
	// server takes (BODY_SIZE_LIMIT, 2M with npm start) gets the page's own message, not an error page.
	const upload = (rows: number) =>
		page.request.post(`${ROSTER}/import?/preview`, {
			headers: { origin: `http://localhost:${APP_PORT}`, accept: 'text/html' },
			multipart: { file: { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(bigRoster(rows)) } }
		});
	const fits = await upload(4000);
	expect(fits.status()).toBe(400);
	expect(await fits.text()).toContain('Dry run: nothing imported yet');
	const tooBig = await upload(10_000);
	expect(tooBig.status()).toBe(400);
	expect(await tooBig.text()).toContain('The file is too big');

	// Another network's moderator: nothing, whatever they try.
	const outsider = await signedInPage(browser, { network: 'gowanus-mutual-aid', role: 'MODERATOR' }, 'Otto');
	for (const path of [ROSTER, householdPath, `${ROSTER}/import`, `${ROSTER}/new`, `${ROSTER}/settings`]) {
		expect((await outsider.page.goto(path))?.status(), path).toBe(404);
	}
	expect((await outsider.page.request.get(`${ROSTER}/export.csv`)).status()).toBe(404);
	await expectAccessible(outsider.page);
	const post = await outsider.page.request.post(`${householdPath}?/deliver`, {
		form: { request: '1' },
		headers: { origin: `http://localhost:${APP_PORT}` }
	});
	expect(post.status()).toBe(404);
	await outsider.page.goto('/moderate');
	await expect(outsider.page.getByRole('link', { name: 'Households' })).toHaveCount(1);
});
