// A repeating need made and answered without JavaScript: the optional "repeats" fieldset with its own
// error, the series page listing each date, and a volunteer taking one date of it.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signedInPage } from './support/people.ts';

const RUN = `r${Date.now().toString(36)}`;
const noScript = { javaScriptEnabled: false };
const nyDay = (offset: number) =>
	new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toLocaleDateString('en-CA', {
		timeZone: 'America/New_York'
	});

test('a weekly need is posted without JavaScript and one of its dates is taken', async ({ browser }) => {
	test.setTimeout(300_000);
	const poster = await signedInPage(browser, 'neighbor', 'Rita', noScript);
	const page = poster.page;
	await page.goto('/posts/new');
	await page.getByRole('radio', { name: 'I need something' }).check();
	await page.getByLabel('Title').fill(`Groceries ${RUN}`);
	await page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	const repeat = page.getByRole('group', { name: 'Repeats (optional)' });
	await repeat.getByLabel('How often').selectOption({ label: 'Every week' });
	await repeat.getByLabel('Number of times', { exact: true }).fill('8');

	// Forgetting the first day is named at the top and on the field, and nothing is posted.
	await page.getByRole('button', { name: 'Post it' }).click();
	await expect(page.getByText('Enter the first day as a date.').first()).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('First day').fill(nyDay(1));
	await page.getByRole('button', { name: 'Post it' }).click();
	await expect(page.getByRole('status')).toHaveText('Your post is on the board.');
	await page.getByRole('link', { name: 'One date of a repeating request: see every date' }).click();
	await expect(page).toHaveURL(/\/series\/\d+$/);
	const seriesPath = new URL(page.url()).pathname;
	const dates = page.getByRole('region', { name: 'Dates' }).getByRole('listitem');
	await expect(dates).toHaveCount(4);
	await expect(page.getByRole('button', { name: 'End the series' })).toBeVisible();
	await expectAccessible(page);

	// A volunteer takes the second week only.
	const helper = await signedInPage(browser, 'neighbor', 'Omar', noScript);
	await helper.page.goto(seriesPath);
	await expect(helper.page.getByRole('button', { name: 'Take every date' })).toBeVisible();
	await expectAccessible(helper.page);
	await helper.page.getByRole('region', { name: 'Dates' }).getByRole('link').nth(1).click();
	await expect(helper.page.getByRole('heading', { level: 1 })).toContainText(`Groceries ${RUN}`);
	await expectAccessible(helper.page);
	await helper.page.getByLabel('A short note').fill('I can do that week');
	await helper.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(helper.page).toHaveURL(/\/claims\/\d+$/);
	await expect(helper.page.getByTestId('claim-status')).toHaveText('Waiting for an answer');
});
