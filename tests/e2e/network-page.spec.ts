// A network's page as a neighbor meets it (getting help and joining first, the research behind the
// listing last and folded away), and an organizer marking the network no longer active.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs, withDatabase } from './support/auth.ts';

// Ridgewood has three local networks (see prisma/data/networks.csv); this one has researchers' notes.
const SLUG = 'ridgewood-mutual-aid-project';
const NAME = 'Ridgewood Mutual Aid Project (Ridgewood Tenants Union)';
const OTHERS = ['Ridgewood Mutual Aid Network', 'Woodbine (Woodbine Mutual Aid)'];

const setActive = () =>
	withDatabase((db) => db.query('UPDATE networks SET inactive_since = NULL WHERE slug = $1', [SLUG]));
test.beforeAll(setActive);
test.afterAll(setActive);

const secondLevelHeadings = (page: Page) => page.getByRole('heading', { level: 2 }).allTextContents();

test('the network page leads with how to get help and how to join, and shows sources only when asked', async ({
	page
}) => {
	await page.goto(`/networks/${SLUG}`);
	const headings = await secondLevelHeadings(page);
	expect(headings.slice(0, 2)).toEqual(['How to get help', 'How to join or volunteer']);
	expect(headings.indexOf('Open posts in its neighborhoods')).toBeGreaterThan(1);

	const id = await withDatabase(
		async (db) =>
			(await db.query<{ id: number }>('SELECT id FROM networks WHERE slug = $1', [SLUG])).rows[0]!.id
	);
	await expect(page.getByRole('link', { name: 'Ask for help through this network' })).toHaveAttribute(
		'href',
		`/posts/new?kind=NEED&network=${id}`
	);
	await expect(page.getByRole('link', { name: 'Offer help through this network' })).toHaveAttribute(
		'href',
		`/posts/new?kind=OFFER&network=${id}`
	);
	await expect(
		page.getByRole('link', { name: 'Do you organize this network? Ask to manage it' })
	).toBeVisible();

	const sourceLink = page.getByRole('link', {
		name: 'https://opencollective.com/ridgewood-mutual-aid-project'
	});
	const notesHeading = page.getByRole('heading', { name: 'What the sources say' });
	await expect(notesHeading).toBeHidden();
	await expect(sourceLink).toBeHidden();
	await expectAccessible(page);

	await page.getByText('Sources: where this listing comes from').click();
	await expect(notesHeading).toBeVisible();
	await expect(sourceLink.first()).toBeVisible();
	await expectAccessible(page);
});

test('an organizer marks the network no longer active after a confirm step; it stays listed apart and leaves the post form', async ({
	browser
}) => {
	const context = await browser.newContext();
	await signInAs(context, { network: SLUG, role: 'ORGANIZER' }, 'Rita Organizer');
	const page = await context.newPage();

	await page.goto(`/networks/${SLUG}`);
	await page.getByRole('link', { name: 'Mark this network as no longer active' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Mark ${NAME} as no longer active?`);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Yes, mark it no longer active' }).click();

	await expect(page).toHaveURL(new RegExp(`/networks/${SLUG}$`));
	await expect(page.getByRole('heading', { name: 'No longer active', level: 2 })).toBeVisible();
	await expect(page.getByText('This network is no longer active. It takes no new posts')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ask for help through this network' })).toHaveCount(0);
	await expectAccessible(page);

	await page.goto('/networks');
	const inactive = page.getByRole('region', { name: 'No longer active' });
	await expect(inactive.getByRole('link', { name: NAME, exact: true })).toBeVisible();
	const queens = page.getByRole('region', { name: 'Queens' });
	await expect(queens.getByRole('link', { name: OTHERS[0], exact: true })).toBeVisible();
	await expect(queens.getByRole('link', { name: NAME, exact: true })).toHaveCount(0);
	await expectAccessible(page);

	// A neighbor in Ridgewood is asked to choose between the networks still working there.
	await page.goto('/posts/new');
	await page.waitForLoadState('networkidle');
	await page.getByRole('radio', { name: 'I need something' }).check();
	await page.getByLabel('Title').fill('Help carrying groceries upstairs');
	await page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await page.getByLabel('Neighborhood').selectOption({ label: 'Ridgewood' });
	await page.getByRole('button', { name: 'Post it' }).click();
	const question = page.getByRole('group', { name: 'Which network should see this?' });
	for (const other of OTHERS) await expect(question.getByRole('radio', { name: other })).toBeVisible();
	await expect(page.getByRole('radio', { name: NAME })).toHaveCount(0);
	await expectAccessible(page);

	// And it can be brought back.
	await page.goto(`/networks/${SLUG}`);
	await page.getByRole('link', { name: 'Mark this network as active again' }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Yes, make it active again' }).click();
	await expect(page.getByRole('heading', { name: 'How to get help' })).toBeVisible();
	await expect(page.getByRole('heading', { name: 'No longer active' })).toHaveCount(0);
	await context.close();
});

test('someone who helps run a network can stop its new-post emails on the account page', async ({
	browser
}) => {
	const context = await browser.newContext();
	await signInAs(context, { network: SLUG, role: 'MODERATOR' }, 'Mo Moderator');
	const page = await context.newPage();
	await page.goto('/account');
	const choice = page.getByRole('checkbox', { name: 'Email me about new posts in networks I help run' });
	await expect(choice).toBeChecked();
	await choice.uncheck();
	await page.getByRole('button', { name: 'Save email settings' }).click();
	await expect(page.getByRole('status')).toHaveText('Email settings saved.');
	await expect(choice).not.toBeChecked();
	await expectAccessible(page);
	await context.close();
});
