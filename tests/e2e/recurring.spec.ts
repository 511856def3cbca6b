// A repeating need, posted without JavaScript through the form's "repeats" fieldset: its dates on the
// board and on the series page, one of them taken by a volunteer and accepted, the others still open.
import { expect, test } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutScripts } from './support/axe.ts';
import { signedInPage } from './support/people.ts';

const RUN = `r${Date.now().toString(36)}`;
const TITLE = `Weekly groceries ${RUN}`;

/** A day in New York, as the form and the series count days, `offset` days from now. */
const dayInNewYork = (offset: number) =>
	new Date(Date.now() + offset * 24 * 60 * 60 * 1000).toLocaleDateString('en-CA', {
		timeZone: 'America/New_York'
	});

test('a weekly need posted without JavaScript: one date taken, the others open', async ({ browser }) => {
	// Three axe checks and three browser contexts: over the default 30 s on a busy machine.
	test.setTimeout(90_000);
	const poster = await signedInPage(browser, 'neighbor', 'Rita', { javaScriptEnabled: false });
	const page = poster.page;
	await page.goto('/posts/new');
	await page.getByRole('radio', { name: 'I need something' }).check();
	await page.getByLabel('Title').fill(TITLE);
	await page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	const repeat = page.getByRole('group', { name: 'Repeats (optional)' });
	await repeat.getByLabel('How often').selectOption({ label: 'Every week' });
	await repeat.getByLabel('First day').fill(dayInNewYork(1));
	await repeat.getByLabel('Number of times', { exact: true }).fill('6');
	await expectAccessibleWithoutScripts(page);
	await page.getByRole('button', { name: 'Post it' }).click();
	await expect(page.getByRole('status')).toHaveText('Your post is on the board.');

	// Six weeks, of which the four due within the next four weeks are on the board already.
	const seriesLink = page.getByRole('link', { name: 'One date of a repeating request: see every date' });
	const seriesPath = await seriesLink.getAttribute('href');
	await page.goto(`/board?q=${RUN}`);
	await expect(page.getByRole('heading', { level: 3 }).filter({ hasText: TITLE })).toHaveCount(4);
	await page.goto(seriesPath!);
	const dates = page.getByRole('region', { name: 'Dates' }).getByRole('listitem');
	await expect(dates).toHaveText([/· Open$/, /· Open$/, /· Open$/, /· Open$/]);
	await expect(page.getByRole('button', { name: 'End the series' })).toBeVisible();
	await expectAccessibleWithoutScripts(page);
	const second = dates.nth(1).getByRole('link');
	const secondDay = await second.innerText();
	const secondPath = await second.getAttribute('href');

	// A volunteer takes the second week only.
	const helper = await signedInPage(browser, 'neighbor', 'Omar');
	await helper.page.goto(secondPath!);
	await helper.page.waitForLoadState('networkidle');
	await expect(helper.page.getByRole('heading', { level: 1 })).toHaveText(`${TITLE} — ${secondDay}`);
	await expectAccessible(helper.page);
	await helper.page.getByLabel('A short note').fill('I can do that week');
	await helper.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(helper.page.getByTestId('claim-status')).toHaveText('Waiting for an answer');

	await page.goto(secondPath!);
	await page
		.getByRole('region', { name: 'Replies' })
		.getByRole('listitem')
		.filter({ hasText: 'Omar' })
		.getByRole('button', { name: 'Accept' })
		.click();
	await expect(page.getByRole('status')).toHaveText('Accepted. You can write to each other below.');

	await page.goto(seriesPath!);
	await expect(dates).toHaveText([/· Open$/, `${secondDay} · Claimed`, /· Open$/, /· Open$/]);
	await helper.context.close();
	await poster.context.close();
});
