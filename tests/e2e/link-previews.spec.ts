// What a chat app sees when a link is pasted (the served HTML's Open Graph and Twitter tags, as a
// crawler reads them, without a browser), and the share control a neighbor taps on a small phone.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { personPage, publish } from './support/people.ts';
import { GOAL, smallTargets } from './support/tap-targets.ts';

const RUN = `lp${Date.now().toString(36)}`;
const REQUIRED = ['og:title', 'og:description', 'og:url', 'og:type', 'og:locale', 'twitter:card'];

/** Each meta tag in the page's head, by property or name, with every value it was given. */
async function metaTags(request: APIRequestContext, path: string) {
	const response = await request.get(path, { headers: { 'accept-language': 'en' } });
	expect(response.status(), path).toBe(200);
	const head = (await response.text()).split('</head>')[0]!;
	const tags = new Map<string, string[]>();
	for (const [, key, value] of head.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)"/g)) {
		tags.set(key!, [...(tags.get(key!) ?? []), value!]);
	}
	return { head, tags };
}

test('every public page type carries its preview once, and a post’s names nobody', async ({
	browser,
	request,
	baseURL
}) => {
	const poster = await personPage(browser, `Pat ${RUN}`);
	const post = await publish(poster.page, 'need', `Soup for the week ${RUN}`);
	await poster.context.close();

	const pages = [
		'/',
		'/board',
		'/networks',
		'/networks/kensington-group-for-mutual-aid',
		'/neighborhoods/kensington',
		'/learn',
		'/learn/what-is-mutual-aid',
		post
	];
	const pictured = new Set([post, '/neighborhoods/kensington', '/networks/kensington-group-for-mutual-aid']);
	for (const path of pages) {
		const { tags } = await metaTags(request, path);
		for (const key of REQUIRED) expect(tags.get(key), `${key} on ${path}`).toHaveLength(1);
		expect(tags.get('og:url')).toEqual([`${baseURL}${path}?lang=en`]);
		expect(tags.get('og:locale')).toEqual(['en_US']);
		const image = tags.get('og:image');
		expect(tags.get('twitter:card')).toEqual([pictured.has(path) ? 'summary_large_image' : 'summary']);
		if (!pictured.has(path)) {
			expect(image, path).toBeUndefined();
			continue;
		}
		expect(image).toEqual([`${baseURL}${path}/preview.png?lang=en`]);
		const picture = await request.get(image![0]!);
		expect(picture.headers()['content-type']).toBe('image/png');
		expect((await picture.body()).length).toBeLessThan(40_000);
	}

	const { head, tags } = await metaTags(request, post);
	expect(tags.get('og:title')).toEqual([`Soup for the week ${RUN}`]);
	expect(tags.get('og:description')?.[0]).toMatch(/^A neighbor in Kensington needs help\./);
	expect(head).not.toContain(`Pat ${RUN}`);
	expect(head).not.toContain(poster.email);

	const spanish = await metaTags(request, `${post}?lang=es`);
	expect(spanish.tags.get('og:locale')).toEqual(['es_US']);
	expect(spanish.tags.get('og:description')?.[0]).toMatch(/^Un vecino de Kensington necesita ayuda\./);
});

test.describe('on a small phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test(`the share control works as plain links with ${GOAL} px targets`, async ({ page, baseURL }) => {
		await page.goto('/neighborhoods/kensington');
		const share = page.getByRole('region', { name: 'Share' });
		const url = `${baseURL}/neighborhoods/kensington?lang=en`;
		await expect(share.getByRole('link', { name: 'Share on WhatsApp' })).toHaveAttribute(
			'href',
			new RegExp(`^https://wa\\.me/\\?text=.*${encodeURIComponent(url).replace(/[.?]/g, '\\$&')}$`)
		);
		await expect(share.getByRole('link', { name: 'Send in a text message' })).toHaveAttribute(
			'href',
			/^sms:\?&body=Kensington%0A/
		);
		await expect(share.getByLabel('Link to share')).toHaveValue(url);
		expect(await smallTargets(page)).toEqual([]);
		await expectAccessible(page);
	});
});
