// An intake post as people experience it: the volunteer deals with the network, never the moderator who
// took the call, and another moderator of that network picks the reply up from the relay inbox.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { withDatabase, type Role } from './support/auth.ts';
import { signedInPage } from './support/people.ts';

const RUN = `rl${Date.now().toString(36)}`;
const NETWORK = 'Bushwick Ayuda Mutua (BAM)';
const BAM: Role = { network: 'bushwick-ayuda-mutua', role: 'MODERATOR' };

test('a volunteer answers the network, and any of its moderators relays for the neighbor', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const marisol = await signedInPage(browser, BAM, `Marisol ${RUN}`);
	const tomas = await signedInPage(browser, BAM, `Tomás ${RUN}`);
	const volunteer = await signedInPage(browser, 'neighbor', 'Vera');
	const outsider = await signedInPage(
		browser,
		{ network: 'astoria-mutual-aid-network', role: 'MODERATOR' },
		'Otto'
	);
	const moderators = new RegExp(`Marisol ${RUN}|Tomás ${RUN}`);
	const title = `Groceries for a caller ${RUN}`;

	// Marisol takes a hotline call and posts for the neighbor.
	await marisol.page.goto('/moderate/intake');
	await marisol.page.waitForLoadState('networkidle');
	await expectAccessible(marisol.page);
	await marisol.page.getByLabel("Neighbor's name").fill('Doña Rosa');
	await marisol.page.getByLabel('How to reach them (phone or email)').fill('347 555 0142');
	await marisol.page.getByRole('radio', { name: 'I need something' }).check();
	await marisol.page.getByLabel('Title').fill(title);
	await marisol.page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await marisol.page.getByLabel('Neighborhood').selectOption({ label: 'Bushwick (West)' });
	await marisol.page.getByRole('radio', { name: NETWORK }).check();
	await marisol.page.getByRole('button', { name: 'Post it' }).click();
	await expect(marisol.page.getByRole('status')).toHaveText('Your post is on the board.');
	const postPath = new URL(marisol.page.url()).pathname;

	// The volunteer sees the network, not Marisol, and replies.
	await volunteer.page.goto(postPath);
	await volunteer.page.waitForLoadState('networkidle');
	await expect(volunteer.page.getByText(`Posted by ${NETWORK} for a neighbor`)).toBeVisible();
	await expect(volunteer.page.getByText(moderators)).toHaveCount(0);
	await expectAccessible(volunteer.page);
	await volunteer.page.getByLabel('A short note').fill('I can shop Thursday');
	await volunteer.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(volunteer.page).toHaveURL(/\/claims\/\d+$/);
	const claimPath = new URL(volunteer.page.url()).pathname;
	await expect(volunteer.page.getByText(`Between ${NETWORK} (posted) and Vera`)).toBeVisible();
	await expect(volunteer.page.getByText(moderators)).toHaveCount(0);
	await expectAccessible(volunteer.page);

	// Tomás, on the next shift, finds it in the relay inbox with the neighbor's details and answers.
	await tomas.page.goto('/moderate');
	await tomas.page.getByRole('link', { name: 'Relay inbox' }).click();
	await expect(tomas.page.getByRole('heading', { level: 1 })).toHaveText('Relay inbox');
	const card = tomas.page
		.getByRole('listitem')
		.filter({ has: tomas.page.getByRole('link', { name: title }) });
	await expect(card).toContainText('On behalf of Doña Rosa (347 555 0142)');
	await expect(card).toContainText('1 waiting for your answer');
	await expectAccessible(tomas.page);
	await card.getByRole('link', { name: 'Open the conversation · Vera' }).click();
	await expect(tomas.page).toHaveURL(new RegExp(`${claimPath}$`));
	await expectAccessible(tomas.page);
	await tomas.page.getByRole('button', { name: 'Accept' }).click();
	await expect(tomas.page.getByTestId('claim-status')).toHaveText('Accepted');
	await tomas.page.getByLabel('Your message').fill('Rosa is home after 5, third floor');
	await tomas.page.getByRole('button', { name: 'Send' }).click();
	await expect(tomas.page.getByRole('status')).toHaveText('Message sent.');
	await expectAccessible(tomas.page);

	// A moderator of another network sees none of it and can do nothing with it.
	await outsider.page.goto('/moderate/relay');
	await expect(outsider.page.getByText(title)).toHaveCount(0);
	await expectAccessible(outsider.page);
	expect((await outsider.page.goto(claimPath))?.status()).toBe(404);

	// The volunteer hears from the network: on the page and in the mail.
	await volunteer.page.goto(claimPath);
	await volunteer.page.waitForLoadState('networkidle');
	await expect(volunteer.page.getByTestId('claim-status')).toHaveText('Accepted');
	const message = volunteer.page.getByRole('listitem').filter({ hasText: 'Rosa is home after 5' });
	await expect(message).toContainText(NETWORK);
	await expect(volunteer.page.getByText(`${NETWORK} passes your messages on`)).toBeVisible();
	await expect(volunteer.page.getByText(moderators)).toHaveCount(0);
	await expect(volunteer.page.getByText(marisol.email)).toHaveCount(0);
	await expectAccessible(volunteer.page);
	const mails = await withDatabase(async (db) => {
		const { rows } = await db.query<{ text: string }>(
			'SELECT subject || text AS text FROM outbox_messages WHERE to_address = $1',
			[volunteer.email]
		);
		return rows.map((row) => row.text).join('\n');
	});
	expect(mails).toContain(`${NETWORK} accepted your reply`);
	expect(mails).not.toMatch(moderators);

	// Each relayed step is in the network's log, under who did it.
	await marisol.page.goto('/moderate/log');
	await expect(marisol.page.getByText('Accepted a reply for a neighbor').first()).toBeVisible();
	await expect(marisol.page.getByText('Wrote in a thread for a neighbor').first()).toBeVisible();
	await expectAccessible(marisol.page);

	for (const who of [marisol, tomas, volunteer, outsider]) await who.context.close();
});
