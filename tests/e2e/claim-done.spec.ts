// "Done" as the two people live it: the one who did not mark it sees who did and when, is mailed, and
// may say it didn't happen; and someone turned away from a full offer hears when a place opens and
// asks again with one click.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { mailsTo } from './support/auth.ts';
import { personPage, publish } from './support/people.ts';

const RUN = `d${Date.now().toString(36)}`;
/** The date as the pages write it in English (formatDate: medium, UTC). */
const today = () =>
	new Intl.DateTimeFormat('en', { timeZone: 'UTC', dateStyle: 'medium' }).format(new Date());

test('marked done by one, "it didn\'t happen" from the other, and back to accepted', async ({ browser }) => {
	test.setTimeout(120_000);
	const poster = await personPage(browser, 'Paula');
	const helper = await personPage(browser, 'Hugo');
	const title = `Soup ${RUN}`;
	const postPath = await publish(poster.page, 'need', title);

	await helper.page.goto(postPath);
	await helper.page.waitForLoadState('networkidle');
	await helper.page.getByLabel('A short note').fill('I can cook on Thursday');
	await helper.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(helper.page).toHaveURL(/\/claims\/\d+$/);
	const claimPath = new URL(helper.page.url()).pathname;

	await poster.page.goto(claimPath);
	await poster.page.waitForLoadState('networkidle');
	await poster.page.getByRole('button', { name: 'Accept' }).click();
	await expect(poster.page.getByTestId('claim-status')).toHaveText('Accepted');

	// The helper marks it done, and sees it is their own word; the other one's button is not theirs.
	await helper.page.reload();
	await helper.page.waitForLoadState('networkidle');
	await helper.page.getByRole('button', { name: 'Mark as done' }).click();
	await expect(helper.page.getByRole('status')).toHaveText('Marked as done. Thank you.');
	await expect(helper.page.getByTestId('marked-done')).toHaveText(`Marked done by you on ${today()}`);
	await expect(helper.page.getByRole('button', { name: "It didn't happen" })).toHaveCount(0);
	await expectAccessible(helper.page);

	// The poster is told who, with the page to answer on. The test mailbox keeps subjects encoded and
	// reads bodies byte by byte, so mails are found by their plain-ASCII words.
	const doneMail = (await mailsTo(poster.email, 2)).find((mail) => mail.text.includes('Hugo marked'));
	expect(doneMail?.text).toContain(title);
	expect(doneMail?.text).toContain("If it didn't happen, you can say so on this page within 7 days");
	const link = doneMail?.text.match(/http:\/\/localhost:\d+\/claims\/\d+/)?.[0];
	expect(new URL(link!).pathname).toBe(claimPath);

	// The poster sees who and when, under the post and on the claim.
	await poster.page.goto(postPath);
	await poster.page.waitForLoadState('networkidle');
	await expect(poster.page.locator('article .badge').filter({ hasText: 'Fulfilled' })).toBeVisible();
	await expect(
		poster.page.getByRole('region', { name: 'Replies' }).getByRole('listitem').filter({ hasText: 'Hugo' })
	).toContainText(`Marked done by Hugo on ${today()}`);
	await expectAccessible(poster.page);
	await poster.page.goto(link!);
	await poster.page.waitForLoadState('networkidle');
	await expect(poster.page.getByTestId('marked-done')).toHaveText(`Marked done by Hugo on ${today()}`);
	await expectAccessible(poster.page);

	// It didn't happen: back to accepted, the need claimed again, and the helper is told.
	await poster.page.getByRole('button', { name: "It didn't happen" }).click();
	await expect(poster.page.getByRole('status')).toHaveText(
		'Back to accepted. You can keep writing to each other.'
	);
	await expect(poster.page.getByTestId('claim-status')).toHaveText('Accepted');
	await expect(poster.page.getByRole('button', { name: "It didn't happen" })).toHaveCount(0);
	await expectAccessible(poster.page);
	const notDone = (await mailsTo(helper.email, 2)).find((mail) => mail.text.includes('Paula says'));
	expect(notDone?.text).toContain("didn't happen yet, so it is back to accepted");
	expect(notDone?.text).toContain(claimPath);

	await helper.page.goto(claimPath);
	await helper.page.waitForLoadState('networkidle');
	await expect(helper.page.getByTestId('claim-status')).toHaveText('Accepted');
	await expect(helper.page.getByRole('button', { name: 'Mark as done' })).toBeVisible();
	await expect(helper.page.getByTestId('marked-done')).toHaveCount(0);
	await helper.page.goto(postPath);
	await helper.page.waitForLoadState('networkidle');
	await expect(helper.page.locator('article .badge').filter({ hasText: 'Claimed' })).toBeVisible();
	await expectAccessible(helper.page);
	await poster.context.close();
	await helper.context.close();
});

test('a full offer opens again: the one turned away is mailed and asks again with one click', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const offerer = await personPage(browser, 'Ofelia');
	const first = await personPage(browser, 'Raj');
	const second = await personPage(browser, 'Bea');
	const title = `A crib ${RUN}`;
	const postPath = await publish(offerer.page, 'offer', title);

	const ask = async (who: typeof first, note: string) => {
		await who.page.goto(postPath);
		await who.page.waitForLoadState('networkidle');
		await who.page.getByLabel('A short note').fill(note);
		await who.page.getByRole('button', { name: 'Ask for this' }).click();
		await expect(who.page).toHaveURL(/\/claims\/\d+$/);
		return new URL(who.page.url()).pathname;
	};
	const firstClaim = await ask(first, 'I could pick it up Friday');
	await ask(second, 'Saturday morning works for me');

	// Accepting the first fills the one place: the second is turned away.
	await offerer.page.goto(firstClaim);
	await offerer.page.waitForLoadState('networkidle');
	await offerer.page.getByRole('button', { name: 'Accept' }).click();
	await expect(offerer.page.getByTestId('claim-status')).toHaveText('Accepted');
	await second.page.goto(postPath);
	await second.page.waitForLoadState('networkidle');
	await expect(second.page.getByRole('region', { name: 'A place opened up — ask again' })).toHaveCount(0);

	// The first lets it go; the second hears of it by mail, with the post's address.
	await first.page.goto(firstClaim);
	await first.page.waitForLoadState('networkidle');
	await first.page.getByRole('button', { name: 'Let it go (reopen)' }).click();
	await expect(first.page.getByRole('status')).toHaveText('Let go. The post is open again.');
	const mails = await mailsTo(second.email, 2);
	const placeMail = mails.find((mail) => mail.text.includes('A place opened up on'));
	expect(placeMail?.text).toContain(title);
	const link = placeMail?.text.match(/http:\/\/localhost:\d+\/posts\/\d+/)?.[0];
	expect(new URL(link!).pathname).toBe(postPath);

	// One click asks again with the note written before.
	await second.page.goto(link!);
	await second.page.waitForLoadState('networkidle');
	const again = second.page.getByRole('region', { name: 'A place opened up — ask again' });
	await expect(again).toContainText('Saturday morning works for me');
	await expectAccessible(second.page);
	await again.getByRole('button', { name: 'Ask again' }).click();
	await expect(second.page).toHaveURL(/\/claims\/\d+$/);
	await expect(second.page.getByTestId('claim-status')).toHaveText('Waiting for an answer');
	await expect(second.page.getByText('Saturday morning works for me')).toBeVisible();
	await expectAccessible(second.page);

	await offerer.page.goto(postPath);
	await offerer.page.waitForLoadState('networkidle');
	await expect(
		offerer.page
			.getByRole('region', { name: 'Replies' })
			.getByRole('listitem')
			.filter({ hasText: 'Bea' })
			.filter({ hasText: 'Waiting for an answer' })
	).toHaveCount(1);
	await expectAccessible(offerer.page);
	for (const who of [offerer, first, second]) await who.context.close();
});
