// Post/redirect/get as a person meets it: after sending a form the address bar holds a clean address,
// the confirmation shows once, and reloading the page sends nothing again. With JavaScript off (the
// browser follows the 303 itself) and on (use:enhance follows it), since both must hold.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { expectAccessible, expectAccessibleWithoutScripts } from './support/axe.ts';
import { signInAs, withDatabase } from './support/auth.ts';

const RUN = `prg${Date.now().toString(36)}`;

async function count(sql: string, params: unknown[]) {
	return withDatabase(async (db) => Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n));
}

/** Where the page is: a path with neither a `?/action` nor any other query left from the form. */
function cleanPath(page: Page) {
	const url = new URL(page.url());
	expect(url.search).toBe('');
	return url.pathname;
}

/** The confirmation shows, is announced, and is gone after a reload, which posts nothing again. */
async function confirmedOnce(page: Page, text: string, accessible: (page: Page) => Promise<void>) {
	await expect(page.getByRole('status').filter({ hasText: text })).toBeVisible();
	await accessible(page);
	const before = page.url();
	await page.reload();
	expect(page.url()).toBe(before);
	await expect(page.getByText(text)).toHaveCount(0);
}

for (const javaScriptEnabled of [false, true]) {
	const mode = javaScriptEnabled ? 'with JavaScript' : 'without JavaScript';
	const accessible = javaScriptEnabled ? expectAccessible : expectAccessibleWithoutScripts;

	test(`forms redirect to a clean address and a reload repeats nothing, ${mode}`, async ({ browser }) => {
		test.setTimeout(180_000);
		const person = async (b: Browser, name: string) => {
			const context = await b.newContext({ javaScriptEnabled });
			return { page: await context.newPage(), ...(await signInAs(context, 'neighbor', name)) };
		};
		// With JavaScript, the busy-button script (static/enhance.js) is in place once the page has loaded.
		const open = async (page: Page, path: string) => {
			await page.goto(path);
			if (javaScriptEnabled) await page.waitForLoadState('networkidle');
		};
		const poster = await person(browser, 'Pia');
		const helper = await person(browser, 'Hal');
		const title = `Redirect ${RUN} ${javaScriptEnabled ? 'js' : 'nojs'}`;

		// A new post.
		await open(poster.page, '/posts/new');
		await poster.page.getByLabel('Title').fill(title);
		await poster.page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
		await poster.page.getByLabel('Neighborhood').selectOption({ label: 'Kensington' });
		await poster.page.getByRole('button', { name: 'Post it' }).click();
		await expect(poster.page).toHaveURL(/\/posts\/\d+$/);
		const postPath = cleanPath(poster.page);
		await confirmedOnce(poster.page, 'Your post is on the board.', accessible);
		expect(await count('SELECT count(*) AS n FROM posts WHERE title = $1', [title])).toBe(1);

		// An edit refused for a phone number keeps what was typed; without it, it saves and redirects.
		await open(poster.page, `${postPath}/edit`);
		await poster.page.getByLabel('Title').fill(`${title} edited`);
		await poster.page.getByLabel('Details (optional)').fill('Call me at 718 555 0142');
		await poster.page.getByRole('button', { name: 'Save changes' }).click();
		await expect(poster.page.getByText('Your post seems to include')).toBeVisible();
		await expect(poster.page.getByLabel('Title')).toHaveValue(`${title} edited`);
		await expect(poster.page.getByLabel('Details (optional)')).toHaveValue('Call me at 718 555 0142');
		await accessible(poster.page);
		await poster.page.getByLabel('Details (optional)').fill('Saturday morning works best');
		await poster.page.getByRole('button', { name: 'Save changes' }).click();
		await expect(poster.page).toHaveURL(new RegExp(`${postPath}$`));
		await confirmedOnce(poster.page, 'Your post is on the board.', accessible);
		await expect(poster.page.getByRole('heading', { level: 1 })).toHaveText(`${title} edited`);

		// A reply to the post opens its claim.
		await open(helper.page, postPath);
		await helper.page.getByLabel('A short note').fill('I can bring them Saturday');
		await helper.page.getByRole('button', { name: 'Offer to help' }).click();
		await expect(helper.page).toHaveURL(/\/claims\/\d+$/);
		const claimPath = cleanPath(helper.page);
		const claimId = Number(claimPath.split('/').pop());
		await accessible(helper.page);
		await helper.page.reload();
		expect(await count('SELECT count(*) AS n FROM claims WHERE claimant_id = $1', [helper.userId])).toBe(1);

		// A message in the thread lands at the newest message, once.
		const body = `See you at ten ${RUN}`;
		await helper.page.getByLabel('Your message').fill(body);
		await helper.page.getByRole('button', { name: 'Send' }).click();
		await expect(helper.page).toHaveURL(new RegExp(`${claimPath}#latest$`));
		cleanPath(helper.page);
		await expect(helper.page.getByLabel('Your message')).toHaveValue('');
		await confirmedOnce(helper.page, 'Message sent.', accessible);
		await expect(helper.page.getByRole('listitem').filter({ hasText: body })).toHaveCount(1);
		expect(await count('SELECT count(*) AS n FROM messages WHERE claim_id = $1', [claimId])).toBe(1);

		// A report of the post.
		await open(helper.page, postPath);
		await helper.page.getByText('Report this post').click();
		await helper.page.getByLabel('Spam').check();
		await helper.page.getByRole('button', { name: 'Send report' }).click();
		await expect(helper.page).toHaveURL(new RegExp(`${postPath}$`));
		cleanPath(helper.page);
		await confirmedOnce(helper.page, "The network's moderators will look at it", accessible);
		expect(await count('SELECT count(*) AS n FROM reports WHERE reporter_id = $1', [helper.userId])).toBe(1);

		// The profile: a refused phone number keeps both fields as typed; a good one saves.
		await open(helper.page, '/account');
		await helper.page.getByLabel('Display name').fill('Hal Renamed');
		await helper.page.getByLabel('Phone number (optional)').fill('call me maybe');
		await helper.page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(helper.page.locator('#profile-phone-error')).toBeVisible();
		await expect(helper.page.getByLabel('Display name')).toHaveValue('Hal Renamed');
		await expect(helper.page.getByLabel('Phone number (optional)')).toHaveValue('call me maybe');
		await accessible(helper.page);
		await helper.page.getByLabel('Phone number (optional)').fill('718 555 0199');
		await helper.page.getByRole('button', { name: 'Save', exact: true }).click();
		await expect(helper.page).toHaveURL(/\/account$/);
		await confirmedOnce(helper.page, 'Your profile is saved.', accessible);
		await expect(helper.page.getByLabel('Display name')).toHaveValue('Hal Renamed');
	});
}
