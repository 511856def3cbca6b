// Admin and moderator tools on a small phone: an admin finds one person by email (never a list of
// everyone) and gives them a role; a moderator suspends a poster through the confirmation step, with
// JavaScript and without it; counts read "1 open report", and no raw database value shows.
import { expect, test, type Browser, type Page } from '@playwright/test';
import * as enums from '../../src/lib/server/db/generated/enums.ts';
import { expectAccessible, expectAccessibleWithoutScripts } from './support/axe.ts';
import { seedSession, withDatabase, type Role } from './support/auth.ts';
import { publish, signedInPage } from './support/people.ts';
import { smallTargets } from './support/tap-targets.ts';

// Each test signs several people in and checks every page it visits with axe.
test.describe.configure({ timeout: 120_000 });

const RUN = `adm${Date.now().toString(36)}`;
const PHONE = { width: 360, height: 740 };
const NETWORK = 'Kensington, Brooklyn, Group for Mutual Aid (Coronavirus)';
const SLUG = 'kensington-group-for-mutual-aid';

// Every value of every database enum, as a whole word: none of them is text for people.
const RAW_VALUES = new RegExp(
	`\\b(${[...new Set(Object.values(enums).flatMap((values) => Object.values(values)))].join('|')})\\b`
);

const as = (browser: Browser, role: Role, name: string, javaScriptEnabled = true) =>
	signedInPage(browser, role, name, { viewport: PHONE, javaScriptEnabled });

/** Looks right for a person on a phone: accessible, nothing cut off sideways, no raw enum values. */
async function checkPage(page: Page) {
	await expectAccessible(page);
	expect(
		await page.evaluate(() => document.documentElement.scrollWidth),
		'no sideways scrolling'
	).toBeLessThanOrEqual(PHONE.width);
	expect(await page.locator('main').innerText()).not.toMatch(RAW_VALUES);
}

/** checkPage for a page opened without JavaScript, where axe runs on a script-free copy. */
async function checkPageWithoutJavaScript(page: Page) {
	await expectAccessibleWithoutScripts(page);
	expect(await page.locator('main').innerText()).not.toMatch(RAW_VALUES);
}

/** A poster's open post in Kensington with one open report; returns its moderation page. */
async function reportedPost(browser: Browser, posterName: string) {
	const poster = await as(browser, 'neighbor', posterName);
	const title = `Tools for ${posterName} ${RUN}`;
	const postId = Number((await publish(poster.page, 'need', title, 'Other')).split('/').pop());
	await poster.context.close();
	const reporter = await seedSession('neighbor', 'Reporter');
	await withDatabase((db) =>
		db.query(
			`INSERT INTO reports (post_id, reporter_id, reason, note) VALUES ($1, $2, 'SCAM', 'Gift cards')`,
			[postId, reporter.userId]
		)
	);
	return { title, path: `/moderate/posts/${postId}`, posterId: poster.userId };
}

const suspended = (userId: string) =>
	withDatabase(async (db) => {
		const { rows } = await db.query(
			`SELECT reason FROM network_suspensions s JOIN networks n ON n.id = s.network_id
			  WHERE s.user_id = $1 AND n.slug = $2`,
			[userId, SLUG]
		);
		return rows.map((row) => row.reason as string);
	});

test('an admin finds one person by exact email on a phone and gives them a role', async ({ browser }) => {
	const person = await seedSession('neighbor', 'Helper Person');
	const admin = await as(browser, 'admin', 'Ada Admin');
	const { page } = admin;

	await page.goto('/admin');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Admin');
	await expect(page.getByText(person.email)).toHaveCount(0);
	expect(await page.locator('select').count(), 'no list of people to choose from').toBe(0);
	expect(await smallTargets(page)).toEqual([]);
	await checkPage(page);

	// Part of an address finds nobody, and what was typed stays.
	const partial = person.email.slice(1);
	await page.getByLabel('Their email address').fill(partial);
	await page.getByRole('button', { name: 'Find', exact: true }).click();
	await expect(page.getByRole('alert')).toHaveText('No account uses that email address.');
	await expect(page.getByLabel('Their email address')).toHaveValue(partial);
	await checkPage(page);

	await page.getByLabel('Their email address').fill(person.email.toUpperCase());
	await page.getByRole('button', { name: 'Find', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Helper Person' })).toBeVisible();
	expect(page.url()).not.toContain('@');
	await expect(page.getByText(person.email)).toBeVisible();
	await expect(page.getByText('None', { exact: true })).toBeVisible();
	await checkPage(page);

	await page.getByLabel('Network', { exact: true }).selectOption({ label: NETWORK });
	await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Moderator' });
	await page.getByRole('button', { name: 'Give role' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: `Moderator · ${NETWORK}` })).toBeVisible();
	expect(await smallTargets(page)).toEqual([]);
	await checkPage(page);

	// Removing asks first; Cancel leaves the role where it was.
	await page.getByRole('button', { name: `Remove Moderator role in ${NETWORK} from Helper Person` }).click();
	const question = page.getByRole('heading', {
		name: `Remove Helper Person's Moderator role in ${NETWORK}?`
	});
	await expect(question).toBeFocused();
	await checkPage(page);
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(page.getByRole('listitem').filter({ hasText: `Moderator · ${NETWORK}` })).toBeVisible();
	await admin.context.close();
});

test('a moderator suspends a poster through the confirmation step without JavaScript', async ({
	browser
}) => {
	const post = await reportedPost(browser, 'Nojs Poster');
	const moderator = await as(browser, { network: SLUG, role: 'MODERATOR' }, 'Maya Mod', false);
	const { page } = moderator;

	await page.goto('/moderate');
	const item = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: post.title }) });
	await expect(item).toContainText('1 open report');
	await expect(item).not.toContainText('1 open reports');
	await checkPageWithoutJavaScript(page);

	await item.getByRole('link', { name: post.title }).click();
	await expect(page.getByRole('listitem').filter({ hasText: 'A scam' })).toContainText('Open');
	// The hand-off choices show each network's whole name on a phone, wrapped rather than cut off.
	const longest = page.locator('label').filter({
		has: page.getByRole('radio', {
			name: 'Forest Hills, Rego Park, Kew Gardens - Our Communities (volunteer sub-group)'
		})
	});
	await expect(longest).toBeVisible();
	const box = (await longest.boundingBox())!;
	expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
	await checkPageWithoutJavaScript(page);

	await page.getByLabel('Reason (the poster sees it when hiding)').fill('Asks for gift cards');
	await page.getByRole('button', { name: 'Suspend the poster from this network' }).click();
	await expect(page.getByRole('heading', { name: `Suspend Nojs Poster from ${NETWORK}?` })).toBeVisible();
	await expect(page.getByText(`This stops them posting and replying in ${NETWORK}.`)).toBeVisible();
	expect(await suspended(post.posterId), 'nothing happens before confirming').toEqual([]);
	await checkPageWithoutJavaScript(page);

	await page.getByRole('button', { name: 'Suspend', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText("Done. It's in the log.");
	expect(await suspended(post.posterId)).toEqual(['Asks for gift cards']);
	await checkPageWithoutJavaScript(page);

	await page.goto('/moderate/log');
	await expect(page.getByRole('row').filter({ hasText: 'Suspended a poster' }).first()).toBeVisible();
	await checkPageWithoutJavaScript(page);
	await moderator.context.close();
});

test('with JavaScript, the confirmation takes the focus, Cancel changes nothing, Confirm suspends', async ({
	browser
}) => {
	const post = await reportedPost(browser, 'Js Poster');
	const moderator = await as(browser, { network: SLUG, role: 'MODERATOR' }, 'Jo Mod');
	const { page } = moderator;

	await page.goto(post.path);
	await page.waitForLoadState('networkidle');
	expect(await smallTargets(page)).toEqual([]);
	const suspend = page.getByRole('button', { name: 'Suspend the poster from this network' });
	await page.getByLabel('Reason (the poster sees it when hiding)').fill('Spam, again');
	await suspend.click();
	const question = page.getByRole('heading', { name: `Suspend Js Poster from ${NETWORK}?` });
	await expect(question).toBeFocused();
	await checkPage(page);
	await page.getByRole('link', { name: 'Cancel' }).click();
	await expect(suspend).toBeVisible();
	expect(await suspended(post.posterId)).toEqual([]);

	await page.getByLabel('Reason (the poster sees it when hiding)').fill('Spam, again');
	await suspend.click();
	await expect(question).toBeFocused();
	await page.getByRole('button', { name: 'Suspend', exact: true }).click();
	await expect(page.getByRole('status')).toHaveText("Done. It's in the log.");
	expect(await suspended(post.posterId)).toEqual(['Spam, again']);

	// Hiding resolves the report; its status reads as words, not ACTIONED.
	await page.getByLabel('Reason (the poster sees it when hiding)').fill('Scam');
	await page.getByRole('button', { name: 'Hide', exact: true }).click();
	await page.getByRole('button', { name: 'Hide it' }).click();
	await expect(page.getByTestId('post-status')).toHaveText('Hidden');
	await expect(page.getByRole('listitem').filter({ hasText: 'A scam' })).toContainText('Acted on');
	await checkPage(page);

	for (const path of ['/moderate', '/moderate/log']) {
		await page.goto(path);
		await checkPage(page);
	}
	await moderator.context.close();
});
