// A need on the board that its network takes in: the team offers a place on its household list from
// the post's moderation page; the poster reads what accepting means, gives a name and a number and
// accepts; the household is then on the roster with the request, and the post off the board.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { publish, signedInPage } from './support/people.ts';

const RUN = `takein${Date.now().toString(36)}`;
const NETWORK = 'kensington-group-for-mutual-aid';
const PHONE_LABEL = 'Your mobile number (the team texts it)';

test('a moderator offers a place on the household list, the poster accepts, the roster has it', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const name = `Rosa ${RUN}`;
	const poster = await signedInPage(browser, 'neighbor', name);
	const moderator = await signedInPage(browser, { network: NETWORK, role: 'MODERATOR' }, 'Maya Mod');
	const postPath = await publish(poster.page, 'need', `Groceries for the week ${RUN}`);
	const modPath = `/moderate${postPath}`;

	await moderator.page.goto(modPath);
	const list = moderator.page.getByRole('region', { name: 'Household list' });
	await expect(list).toContainText('runs distribution days');
	await expectAccessible(moderator.page);
	await list.getByRole('button', { name: 'Offer a place on our household list' }).click();
	await expect(moderator.page.getByRole('status')).toHaveText(
		'Offer sent. The poster answers on their post’s page.'
	);
	await expect(list).toContainText('Waiting for the poster’s answer.');
	await expectAccessible(moderator.page);

	await poster.page.goto(postPath);
	const offer = poster.page.getByRole('region', { name: /^An offer from Kensington/ });
	await expect(offer).toContainText('sees the name you give and your phone number');
	await expect(offer.getByLabel('Your name or an alias (the team sees it)')).toHaveValue(name);
	await expectAccessible(poster.page);
	// A number that cannot be texted comes back with the reason, and what was typed.
	await offer.getByLabel(PHONE_LABEL).fill('12345');
	await offer.getByRole('button', { name: 'Accept' }).click();
	await expect(poster.page.locator('#take-in-phone-error')).toHaveText(
		'Enter a phone number with its area code, like 718 555 0100.'
	);
	await expect(offer.getByLabel(PHONE_LABEL)).toHaveValue('12345');
	await expectAccessible(poster.page);
	await offer.getByLabel(PHONE_LABEL).fill('(929) 555-0142');
	await offer.getByRole('button', { name: 'Accept' }).click();
	await expect(poster.page.getByRole('status')).toHaveText(
		'Accepted. Your request is on the network’s list.'
	);
	await expect(poster.page.getByText(/^Taken in by Kensington/)).toBeVisible();
	await expect(offer).toHaveCount(0);
	await expectAccessible(poster.page);
	// Off the board: nobody but its poster sees it now.
	expect((await moderator.page.goto(postPath))?.status()).toBe(404);

	await moderator.page.goto(modPath);
	await expect(list).toContainText('The poster accepted on');
	await list.getByRole('link', { name: 'See the household' }).click();
	await expect(moderator.page.getByRole('heading', { level: 1 })).toHaveText(name);
	await expect(moderator.page.getByText('+19295550142')).toBeVisible();
	await expect(moderator.page.getByRole('heading', { level: 3 })).toHaveText(['Groceries & food: open']);
	await expectAccessible(moderator.page);

	// On the roster, found by the last digits of the number the poster gave.
	await moderator.page.goto(`/moderate/networks/${NETWORK}/households`);
	await moderator.page.getByLabel('Search by name or the last 4 digits of a phone number').fill('0142');
	await moderator.page.getByRole('button', { name: 'Search' }).click();
	await expect(moderator.page.getByRole('link', { name })).toBeVisible();
	await expectAccessible(moderator.page);
});
