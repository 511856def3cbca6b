import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { withDatabase } from './support/auth.ts';
import { personPage, publish } from './support/people.ts';

const RUN = `c${Date.now().toString(36)}`;

async function mailSubjects(email: string) {
	return withDatabase(async (db) => {
		const { rows } = await db.query<{ subject: string }>(
			'SELECT subject FROM outbox_messages WHERE to_address = $1 ORDER BY id',
			[email]
		);
		return rows.map((r) => r.subject);
	});
}

test('the need flow: offer help, decline, accept, talk, release, accept again, done', async ({ browser }) => {
	test.setTimeout(120_000);
	const poster = await personPage(browser, 'Paula');
	const helper = await personPage(browser, 'Hugo');
	const other = await personPage(browser, 'Olga');
	await withDatabase(async (db) => {
		await db.query('UPDATE users SET share_contact = true, phone = $2 WHERE id = $1', [
			poster.userId,
			'718 555 0101'
		]);
		await db.query("UPDATE users SET languages = '{es}' WHERE id = $1", [other.userId]);
	});

	const postPath = await publish(poster.page, 'need', `Groceries ${RUN}`);

	// A volunteer sees safety tips and offers help.
	await helper.page.goto(postPath);
	await helper.page.waitForLoadState('networkidle');
	await expect(helper.page.getByText('Never send or ask for money')).toBeVisible();
	await expectAccessible(helper.page);
	await helper.page.getByLabel('A short note').fill('I can bring them Saturday morning');
	await helper.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(helper.page).toHaveURL(/\/claims\/\d+$/);
	const claimPath = new URL(helper.page.url()).pathname;
	await expect(helper.page.getByTestId('claim-status')).toHaveText('Waiting for an answer');
	await expectAccessible(helper.page);

	await other.page.goto(postPath);

	await other.page.waitForLoadState('networkidle');
	await other.page.getByLabel('A short note').fill('Sunday works for me');
	await other.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(other.page.getByTestId('claim-status')).toHaveText('Waiting for an answer');

	// The poster sees both and declines one, accepts the other.
	await poster.page.goto('/activity');
	await expect(poster.page.getByText('2 waiting for your answer')).toBeVisible();
	await expectAccessible(poster.page);
	await poster.page.goto(postPath);
	await poster.page.waitForLoadState('networkidle');
	const replies = poster.page.getByRole('region', { name: 'Replies' });
	// Which language each speaks, so she can pick someone she can talk with (the post says English).
	const hugoReply = replies.getByRole('listitem').filter({ hasText: 'Hugo' });
	await expect(hugoReply).toContainText('Speaks English');
	await expect(hugoReply).toContainText('Speaks your language');
	const olgaReply = replies.getByRole('listitem').filter({ hasText: 'Olga' });
	await expect(olgaReply).toContainText('Speaks Spanish');
	await expect(olgaReply).not.toContainText('Speaks your language');
	await replies
		.getByRole('listitem')
		.filter({ hasText: 'Olga' })
		.getByRole('button', { name: 'Decline' })
		.click();
	await expect(poster.page.getByRole('status')).toHaveText('Declined. They will be told kindly.');
	await replies
		.getByRole('listitem')
		.filter({ hasText: 'Hugo' })
		.getByRole('button', { name: 'Accept' })
		.click();
	await expect(poster.page.getByRole('status')).toHaveText('Accepted. You can write to each other below.');

	// They talk privately; contact details cross only where their owner opted in.
	await helper.page.goto(claimPath);
	await helper.page.waitForLoadState('networkidle');
	await expect(helper.page.getByTestId('claim-status')).toHaveText('Accepted');
	await expect(helper.page.getByText(poster.email)).toBeVisible();
	await helper.page.getByLabel('Your message').fill('See you Saturday at 10?');
	await helper.page.getByRole('button', { name: 'Send' }).click();
	await expect(helper.page.getByRole('status')).toHaveText('Message sent.');
	await poster.page.goto(claimPath);
	await poster.page.waitForLoadState('networkidle');
	await expect(
		poster.page.getByRole('listitem').filter({ hasText: 'See you Saturday at 10?' })
	).toBeVisible();
	await expect(poster.page.getByText("Hugo hasn't chosen to share contact details.")).toBeVisible();
	await expect(poster.page.getByText(helper.email)).toHaveCount(0);
	await expectAccessible(poster.page);
	await poster.page.getByText('Report a message').click();
	await poster.page.getByLabel('Which message?').selectOption({ label: 'See you Saturday at 10?' });
	await poster.page.getByRole('radio', { name: 'Something else' }).check();
	await poster.page.getByRole('button', { name: 'Send report' }).click();
	await expect(poster.page.getByRole('status').filter({ hasText: "network's moderators" })).toBeVisible();

	// Nobody else reads the thread or the contact details.
	const otherClaim = await other.page.goto(claimPath);
	expect(otherClaim?.status()).toBe(404);
	await expect(other.page.getByText('See you Saturday')).toHaveCount(0);
	const stranger = await browser.newContext();
	const anonymous = await stranger.newPage();
	await anonymous.goto(claimPath);
	await anonymous.waitForLoadState('networkidle');
	await expect(anonymous).toHaveURL(/\/signin/);
	expect((await anonymous.request.get(claimPath, { maxRedirects: 0 })).status()).toBe(303);
	await anonymous.goto(postPath);
	await anonymous.waitForLoadState('networkidle');
	await expect(anonymous.getByText(poster.email)).toHaveCount(0);
	await expect(anonymous.getByText('718 555 0101')).toHaveCount(0);
	await stranger.close();

	// Released, the need is open again; accepted again and marked done, it is fulfilled.
	await helper.page.getByRole('button', { name: 'Let it go (reopen)' }).click();
	await expect(helper.page.getByRole('status')).toHaveText('Let go. The post is open again.');
	await poster.page.goto(postPath);
	await poster.page.waitForLoadState('networkidle');
	await expect(
		poster.page.getByRole('region', { name: 'Replies' }).getByRole('listitem').filter({ hasText: 'Hugo' })
	).toContainText('Let go');
	await helper.page.goto(postPath);
	await helper.page.waitForLoadState('networkidle');
	await helper.page.getByLabel('A short note').fill('I can still do Saturday');
	await helper.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(helper.page).toHaveURL(/\/claims\/\d+$/);
	const secondClaim = new URL(helper.page.url()).pathname;
	await poster.page.goto(secondClaim);
	await poster.page.waitForLoadState('networkidle');
	await poster.page.getByRole('button', { name: 'Accept' }).click();
	await poster.page.getByRole('button', { name: 'Mark as done' }).click();
	await expect(poster.page.getByRole('status')).toHaveText('Marked as done. Thank you.');
	await poster.page.goto(postPath);
	await poster.page.waitForLoadState('networkidle');
	await expect(poster.page.locator('article .badge').filter({ hasText: 'Fulfilled' })).toBeVisible();

	// Every step mailed the other person through the outbox.
	await expect
		.poll(() => mailSubjects(poster.email))
		.toEqual(
			expect.arrayContaining([
				`Hugo can help with “Groceries ${RUN}”`,
				`Olga can help with “Groceries ${RUN}”`,
				`“Groceries ${RUN}” is open again`
			])
		);
	expect(await mailSubjects(helper.email)).toEqual(
		expect.arrayContaining([`Accepted: “Groceries ${RUN}”`, `Done: “Groceries ${RUN}”`])
	);
	expect(await mailSubjects(other.email)).toContain(`About “Groceries ${RUN}”`);
	for (const p of [poster, helper, other]) await p.context.close();
});

test('the offer flow: request, accept up to the quantity, release returns it to the board', async ({
	browser
}) => {
	const offerer = await personPage(browser, 'Ofelia');
	const requester = await personPage(browser, 'Raj');
	const postPath = await publish(offerer.page, 'offer', `A crib ${RUN}`);

	await requester.page.goto(postPath);

	await requester.page.waitForLoadState('networkidle');
	await requester.page.getByLabel('A short note').fill('I could pick it up Friday');
	await requester.page.getByRole('button', { name: 'Ask for this' }).click();
	await expect(requester.page).toHaveURL(/\/claims\/\d+$/);
	const claimPath = new URL(requester.page.url()).pathname;

	await offerer.page.goto(claimPath);

	await offerer.page.waitForLoadState('networkidle');
	await offerer.page.getByRole('button', { name: 'Accept' }).click();
	await expect(offerer.page.getByTestId('claim-status')).toHaveText('Accepted');

	await requester.page.goto(`/board?q=${RUN}`);
	await expect(
		requester.page.getByRole('heading', { level: 3 }).filter({ hasText: `A crib ${RUN}` })
	).toHaveCount(0);

	await offerer.page.getByRole('button', { name: 'Let it go (reopen)' }).click();
	// The board is read once the release has answered, not while it is still on its way.
	await expect(offerer.page.getByRole('status')).toHaveText('Let go. The post is open again.');
	await requester.page.goto(`/board?q=${RUN}`);
	await expect(
		requester.page.getByRole('heading', { level: 3 }).filter({ hasText: `A crib ${RUN}` })
	).toHaveCount(1);
	await offerer.context.close();
	await requester.context.close();
});
