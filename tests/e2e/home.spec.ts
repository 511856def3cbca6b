import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs, withDatabase } from './support/auth.ts';

const RUN = `home${Date.now().toString(36)}`;

/**
 * Open posts straight into the database, a minute ahead of the clock so they stay the newest whatever
 * other specs posted just before.
 */
async function post(title: string, neighborhood: string, secondsAgo: number) {
	await withDatabase(async (db) => {
		const author = await db.query<{ id: string }>(
			`INSERT INTO users (id, email, name, languages, profile_completed_at)
			 VALUES (gen_random_uuid()::text, $1, 'Poster', '{es}', now()) RETURNING id`,
			[`${title.replace(/\W+/g, '-').toLowerCase()}@example.org`]
		);
		await db.query(
			`INSERT INTO posts (kind, title, details, category, neighborhood_id, network_id, time_window, due_at,
			                    languages, author_id, created_at, updated_at, expires_at)
			 SELECT 'NEED', $1, 'Gracias.', 'CLOTHING', n.id, c.network_id, 'THIS_WEEK', now() + interval '7 days',
			        '{es}', $3, now() + interval '1 minute' - $4 * interval '1 second', now(), now() + interval '13 days'
			   FROM neighborhoods n JOIN network_coverage c ON c.neighborhood_id = n.id
			  WHERE n.slug = $2 LIMIT 1`,
			[title, neighborhood, author.rows[0]!.id, secondsAgo]
		);
	});
}

test.beforeAll(async () => {
	await post(`Groceries for my mother ${RUN}`, 'kensington', 3);
	await post(`Comida para una familia ${RUN}`, 'kensington', 2);
	await post(`Ropa para niños ${RUN}`, 'astoria-central', 1);
});

// The home page ships no JavaScript (csr = false; checked below), so this is what every phone gets.
test.describe('on a phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('the home page leads with the newest posts, a search and the two actions, then the map', async ({
		page
	}) => {
		await page.goto('/');
		const top = async (name: string, role: 'link' | 'heading' | 'searchbox') =>
			(await page.getByRole(role, { name, exact: true }).first().boundingBox())!.y;
		const ask = await top('Ask for help', 'link');
		const search = await top('Search needs and offers', 'searchbox');
		const newest = await top('Newest needs and offers', 'heading');
		const map = await top('Find your neighborhood on the map', 'heading');
		const index = await top('Every neighborhood, A to Z', 'heading');
		expect(ask).toBeLessThan(search);
		expect(search).toBeLessThan(newest);
		expect(newest).toBeLessThan(map);
		expect(map).toBeLessThan(index);
		// It used to take 5,400 px of neighborhood links to reach the map.
		expect(map).toBeLessThan(2_600);
		await expect(page.getByTestId('newest-posts').getByRole('heading', { level: 3 }).first()).toHaveText(
			`Ropa para niños ${RUN}`
		);
		await expect(page.getByRole('link', { name: 'Offer help' })).toHaveAttribute(
			'href',
			'/posts/new?kind=OFFER'
		);
		// No script file; the one inline line registers the service worker (pwa.spec.ts).
		await expect(page.locator('script[src]')).toHaveCount(0);
		await expect(page.locator('script')).toHaveCount(1);
		await expectAccessible(page);

		// Searched the way people type: no accent, and a plural where the post has the singular.
		await page.getByRole('searchbox', { name: 'Search needs and offers' }).fill(`ninos ${RUN}`);
		await page.getByRole('button', { name: 'Search' }).click();
		await expect(page).toHaveURL(/\/board\?q=ninos/);
		await expect(page.getByRole('heading', { level: 3 })).toHaveText([`Ropa para niños ${RUN}`]);
		for (const [words, title] of [
			['grocery', `Groceries for my mother ${RUN}`],
			['FAMILIAS', `Comida para una familia ${RUN}`],
			['Niño', `Ropa para niños ${RUN}`]
		]) {
			await page.goto(`/board?q=${encodeURIComponent(`${words} ${RUN}`)}`);
			await expect(page.getByRole('heading', { level: 3 }), words).toHaveText([title!]);
		}
	});
});

test('a signed-in neighbor with a home neighborhood sees the newest posts in their borough first', async ({
	page,
	context
}) => {
	const { userId } = await signInAs(context, 'neighbor', 'Kensington Neighbor');
	await withDatabase((db) =>
		db.query(
			`UPDATE users SET home_neighborhood_id = (SELECT id FROM neighborhoods WHERE slug = 'kensington') WHERE id = $1`,
			[userId]
		)
	);
	await page.goto('/');
	await expect(page.getByRole('heading', { level: 2 }).first()).toHaveText(
		'Newest in Brooklyn, near Kensington'
	);
	const titles = page.getByTestId('newest-posts').getByRole('heading', { level: 3 });
	await expect(titles.first()).toHaveText(`Comida para una familia ${RUN}`);
	await expect(titles.filter({ hasText: `Ropa para niños ${RUN}` })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'See everything on the board' })).toHaveAttribute(
		'href',
		'/board?borough=brooklyn'
	);
	await expectAccessible(page);
});
