// The network question on /posts/new: asked only after "Post it", so on a phone it must land where the
// poster is looking, with or without JavaScript.
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs, withDatabase } from './support/auth.ts';

const RUN = `e2e${Date.now().toString(36)}`;
const QUESTION = 'Which network should see this?';

// Bushwick (West) has several local networks; no local network covers Bay Ridge (see prisma/data/). Each
// choice says why it is offered.
const PLACES = [
	{
		neighborhood: 'Bushwick (West)',
		network: 'Bushwick Ayuda Mutua (BAM)',
		why: ['Covers this neighborhood']
	},
	{
		neighborhood: 'Bay Ridge',
		network: 'Mutual Aid NYC (MANYC)',
		why: ['Borough-wide, for all of Brooklyn', 'Citywide: no local network covers this neighborhood yet']
	}
];

// One of Bushwick's networks, as its organizers would have verified and described it.
const VERIFIED = 'ggs-social-trade-and-treasure-club';
const setVerified = (verified: boolean) =>
	withDatabase((db) =>
		db.query(
			verified
				? `UPDATE networks SET status = 'VERIFIED', description = 'Swaps and free stuff on Saturdays',
				   languages = '{es,en}', hotline = '718 555 0142' WHERE slug = $1`
				: `UPDATE networks SET status = 'LISTED', description = NULL, languages = '{}', hotline = NULL
				   WHERE slug = $1`,
			[VERIFIED]
		)
	);
test.beforeAll(() => setVerified(true));
test.afterAll(() => setVerified(false));

async function postWithoutNetwork(page: Page, neighborhood: string, title: string) {
	await page.setViewportSize({ width: 360, height: 740 });
	await page.goto('/posts/new');
	await page.waitForLoadState('networkidle');
	await page.getByRole('radio', { name: 'I need something' }).check();
	await page.getByLabel('Title').fill(title);
	await page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await page.getByLabel('Neighborhood').selectOption({ label: neighborhood });
	await page.getByRole('button', { name: 'Post it' }).click();
}

async function chooseAndPost(page: Page, network: string) {
	await page.getByRole('radio', { name: network }).check();
	await page.getByRole('button', { name: 'Post it' }).click();
	await expect(page.getByRole('status')).toHaveText('Your post is on the board.');
	await expect(page.getByRole('link', { name: `About ${network}` })).toBeVisible();
}

for (const { neighborhood, network, why } of PLACES) {
	test(`in ${neighborhood} the network question comes into view with focus on a phone`, async ({
		page,
		context
	}) => {
		await signInAs(context, 'neighbor', 'Chooser');
		await postWithoutNetwork(page, neighborhood, `Rice ${neighborhood} ${RUN}`);

		const question = page.getByRole('heading', { name: QUESTION });
		await expect(question).toBeFocused();
		const box = await question.boundingBox();
		const viewport = page.viewportSize()!;
		expect(box, 'the question is on the page').not.toBeNull();
		expect(box!.y).toBeGreaterThanOrEqual(0);
		expect(box!.y + box!.height).toBeLessThanOrEqual(viewport.height);
		expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
		// The choices start right under it, not somewhere further down the form.
		await expect(page.getByRole('group', { name: QUESTION }).getByRole('radio').first()).toBeInViewport();
		const choices = page.getByRole('group', { name: QUESTION });
		for (const reason of why) await expect(choices.getByText(reason).first()).toBeVisible();
		await expectAccessible(page);

		await chooseAndPost(page, network);
	});
}

test('each network choice says what it is, in which languages, how to reach it and whether it is verified', async ({
	page,
	context
}) => {
	await signInAs(context, 'neighbor', 'Chooser');
	await postWithoutNetwork(page, 'Bushwick (West)', `Soap ${RUN}`);
	const choice = page.getByRole('radio', { name: "GG's Social Trade & Treasure Club" });
	// Chromium puts a space before the link's visually hidden ": name", hence the \s*.
	await expect(choice).toHaveAccessibleDescription(
		new RegExp(
			'^Covers this neighborhood Works in a language you speak Verified by its organizers Swaps and free stuff ' +
				"on Saturdays Website\\s*: GG's " +
				'Social Trade & Treasure Club Languages: Español, English Hotline: 718 555 0142$'
		)
	);
	await expect(page.getByRole('link', { name: '718 555 0142' })).toHaveAttribute('href', 'tel:7185550142');
	// It works in a language the poster speaks, so it comes first, and the question says why.
	await expect(page.getByRole('radio').first()).toHaveAccessibleName("GG's Social Trade & Treasure Club");
	await expect(page.getByText('Networks that work in a language you speak are listed first.')).toBeVisible();
	await expect(page.getByRole('radio', { name: 'Bushwick Ayuda Mutua (BAM)' })).toHaveAccessibleDescription(
		/^Covers this neighborhood Listed from public directories, not yet verified/
	);
	await expectAccessible(page);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	for (const { neighborhood, network } of PLACES) {
		test(`in ${neighborhood} the network question is the first thing after the page heading`, async ({
			page,
			context
		}) => {
			await signInAs(context, 'neighbor', 'Nojs Chooser');
			await postWithoutNetwork(page, neighborhood, `Beans ${neighborhood} ${RUN}`);

			// The first text or control after the H1, in document order, is the question.
			const firstAfterHeading = await page.evaluate(() => {
				const things = [
					...document.querySelectorAll(
						'h1, h2, h3, p, legend, label, a, button, select, textarea, input:not([type=hidden])'
					)
				];
				const after = things[things.findIndex((element) => element.tagName === 'H1') + 1];
				return after?.textContent?.trim();
			});
			expect(firstAfterHeading).toBe(QUESTION);
			await expect(page.getByRole('heading', { name: QUESTION })).toBeInViewport();

			await chooseAndPost(page, network);
		});
	}
});
