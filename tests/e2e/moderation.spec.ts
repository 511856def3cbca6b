import { APP_PORT } from './support/env.ts';
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { publish, signedInPage } from './support/people.ts';

const RUN = `mod${Date.now().toString(36)}`;

test('report → hide → gone everywhere public → restore → back, each step in the log', async ({ browser }) => {
	test.setTimeout(120_000);
	const poster = await signedInPage(browser, 'neighbor', 'Poster');
	const reporter = await signedInPage(browser, 'neighbor', 'Reporter');
	const moderator = await signedInPage(
		browser,
		{ network: 'kensington-group-for-mutual-aid', role: 'MODERATOR' },
		'Maya Mod'
	);
	const outsider = await signedInPage(
		browser,
		{ network: 'astoria-mutual-aid-network', role: 'MODERATOR' },
		'Other Mod'
	);

	const title = `Send gift cards ${RUN}`;
	const postPath = await publish(poster.page, 'need', title, 'Other');
	const modPath = `/moderate${postPath}`;

	await reporter.page.goto(postPath);

	await reporter.page.waitForLoadState('networkidle');
	await reporter.page.getByText('Report this post').click();
	await reporter.page.getByRole('radio', { name: 'A scam' }).check();
	await reporter.page.getByLabel('Anything a moderator should know (optional)').fill('Asks for gift cards');
	await reporter.page.getByRole('button', { name: 'Send report' }).click();
	await expect(reporter.page.getByRole('status')).toContainText("The network's moderators will look at it");

	// A moderator of another network gets a 404 for every moderation page and action on this post.
	expect((await outsider.page.goto(modPath))?.status()).toBe(404);
	const forbidden = await outsider.page.request.post(`${modPath}?/moderate`, {
		form: { action: 'hide', reason: 'x' },
		headers: { origin: `http://localhost:${APP_PORT}` }
	});
	expect(forbidden.status()).toBe(404);
	expect(
		(await outsider.page.goto('/moderate/networks/kensington-group-for-mutual-aid/digest'))?.status()
	).toBe(404);
	expect(
		(await outsider.page.request.get('/moderate/networks/kensington-group-for-mutual-aid/posts.csv')).status()
	).toBe(404);
	expect((await reporter.page.goto('/moderate'))?.status()).toBe(404);

	await moderator.page.goto('/moderate');
	await expect(moderator.page.getByRole('link', { name: title })).toBeVisible();
	await expectAccessible(moderator.page);
	await moderator.page.getByRole('link', { name: title }).click();
	await expect(moderator.page.getByText('Asks for gift cards')).toBeVisible();
	await expectAccessible(moderator.page);
	await moderator.page
		.getByLabel('Reason (the poster sees it when hiding)')
		.fill('Asking for money is not allowed');
	await moderator.page.getByRole('button', { name: 'Hide' }).click();
	await expect(
		moderator.page.getByRole('heading', { name: `Hide “${title}” from the board?` })
	).toBeFocused();
	await expectAccessible(moderator.page);
	await moderator.page.getByRole('button', { name: 'Hide it' }).click();
	await expect(moderator.page.getByRole('status')).toHaveText("Done. It's in the log.");
	await expect(moderator.page.getByTestId('post-status')).toHaveText('Hidden');

	const anonymous = await browser.newContext();
	const visitor = await anonymous.newPage();
	const checkPublic = async (present: boolean) => {
		expect((await visitor.goto(postPath))?.status()).toBe(present ? 200 : 404);
		const api = await (await visitor.request.get(`/api/posts?q=${RUN}`)).json();
		expect(api.posts.map((p: { title: string }) => p.title)).toEqual(present ? [title] : []);
		expect(await (await visitor.request.get('/neighborhoods/kensington/rss.xml')).text()).toContain(
			present ? RUN : 'rss'
		);
		if (!present)
			expect(await (await visitor.request.get('/neighborhoods/kensington/atom.xml')).text()).not.toContain(
				RUN
			);
		await visitor.goto(`/board?q=${RUN}`);
		await expect(visitor.getByRole('heading', { level: 3 })).toHaveCount(present ? 1 : 0);
		await visitor.goto('/neighborhoods/kensington');
		await expect(visitor.getByRole('link', { name: title })).toHaveCount(present ? 1 : 0);
	};
	await checkPublic(false);

	// The poster still sees it, with the reason.
	await poster.page.goto(postPath);
	await poster.page.waitForLoadState('networkidle');
	await expect(
		poster.page.getByText('A moderator hid this post: Asking for money is not allowed')
	).toBeVisible();

	await moderator.page.getByRole('button', { name: 'Restore' }).click();
	await expect(moderator.page.getByTestId('post-status')).toHaveText('Open');
	await checkPublic(true);

	await moderator.page.goto('/moderate/log');
	// The rows that link to this post: its bare id would also match a time of day or another post's id.
	const postId = postPath.split('/').pop()!;
	const rows = moderator.page
		.getByRole('row')
		.filter({ has: moderator.page.getByRole('link', { name: `#${postId}`, exact: true }) });
	await expect(rows).toHaveCount(2);
	await expect(rows.nth(0)).toContainText('Maya Mod');
	await expect(rows.nth(0)).toContainText('Restored a post');
	await expect(rows.nth(1)).toContainText('Hid a post');
	await expect(rows.nth(1)).toContainText('Asking for money is not allowed');
	await expectAccessible(moderator.page);
	await expect(
		outsider.page.goto('/moderate/log').then(() => outsider.page.getByText(title))
	).resolves.toHaveCount(0);

	for (const c of [poster, reporter, moderator, outsider]) await c.context.close();
	await anonymous.close();
});

test('an intake post keeps the neighbor’s contact away from volunteers and the public', async ({
	browser
}) => {
	const moderator = await signedInPage(
		browser,
		{ network: 'kensington-group-for-mutual-aid', role: 'ORGANIZER' },
		'Hotline Hal'
	);
	const volunteer = await signedInPage(browser, 'neighbor', 'Vera');
	const title = `Groceries for a caller ${RUN}`;

	await moderator.page.goto('/moderate/intake');

	await moderator.page.waitForLoadState('networkidle');
	await expectAccessible(moderator.page);
	await moderator.page.getByLabel("Neighbor's name").fill('Doña Carmen');
	await moderator.page.getByLabel('How to reach them (phone or email)').fill('718 555 0199');
	await moderator.page.getByRole('radio', { name: 'I need something' }).check();
	await moderator.page.getByLabel('Title').fill(title);
	await moderator.page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await moderator.page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
	await moderator.page.getByRole('radio', { name: /Kensington, Brooklyn, Group for Mutual Aid/ }).check();
	await moderator.page.getByRole('button', { name: 'Post it' }).click();
	await expect(moderator.page.getByRole('status')).toHaveText('Your post is on the board.');
	const postPath = new URL(moderator.page.url()).pathname;

	await moderator.page.goto(`/moderate${postPath}`);
	await expect(moderator.page.getByText('On behalf of Doña Carmen (718 555 0199)')).toBeVisible();

	await volunteer.page.goto(postPath);

	await volunteer.page.waitForLoadState('networkidle');
	await volunteer.page.getByLabel('A short note').fill('I can shop Thursday');
	await volunteer.page.getByRole('button', { name: 'Offer to help' }).click();
	await expect(volunteer.page).toHaveURL(/\/claims\/\d+$/);
	for (const page of [volunteer.page]) {
		await page.goto(postPath);
		await page.waitForLoadState('networkidle');
		await expect(page.getByText('Carmen')).toHaveCount(0);
		await expect(page.getByText('0199')).toHaveCount(0);
	}
	const api = await (await volunteer.page.request.get(`/api/posts?q=${RUN}`)).text();
	expect(api).not.toMatch(/Carmen|0199/);

	const csv = await (
		await moderator.page.request.get('/moderate/networks/kensington-group-for-mutual-aid/posts.csv')
	).text();
	expect(csv).toContain(title);
	expect(csv).not.toMatch(/Carmen|0199|@example\.org/);
	await moderator.page.goto('/moderate/networks/kensington-group-for-mutual-aid/dashboard');
	await expect(moderator.page.getByRole('heading', { level: 1 })).toContainText('in numbers');
	await expectAccessible(moderator.page);
	await moderator.page.goto('/moderate/networks/kensington-group-for-mutual-aid/digest');
	await expect(moderator.page.getByRole('textbox')).toHaveValue(new RegExp(title));
	await expectAccessible(moderator.page);
	await moderator.context.close();
	await volunteer.context.close();
});
