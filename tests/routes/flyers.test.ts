// The printable flyers' loads: a flyer for a place that exists, in the page's language (and a second
// one beside it), with a QR code to the place's page in that language, the network's hotline, and
// nothing about any neighbor who posted there.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import type { Flyer } from '$lib/server/places/flyer';
import * as neighborhoodFlyer from '../../src/routes/neighborhoods/[slug=slug]/flyer/+page.server.ts';
import * as networkFlyer from '../../src/routes/networks/[slug=slug]/flyer/+page.server.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, ORIGIN, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `fl${Date.now().toString(36)}`;
const NETWORK = 'kensington-group-for-mutual-aid';
const HOTLINE = '(718) 555-0142';
const AUTHOR_EMAIL = `flyer-poster-${RUN}@example.org`;
let locale: Locale = baseLocale;
overwriteGetLocale(() => locale);
afterEach(() => (locale = baseLocale));

beforeAll(async () => {
	db = await useTestDatabase();
	await db.network.update({ where: { slug: NETWORK }, data: { hotline: HOTLINE } });
	// A neighbor with a name, an email and a phone, and a post taken by phone for someone else.
	const author = await db.user.create({
		data: {
			email: AUTHOR_EMAIL,
			name: `Flyer Poster ${RUN}`,
			phone: '+1 347 555 0199',
			profileCompletedAt: new Date()
		}
	});
	const { id: networkId } = await db.network.findUniqueOrThrow({ where: { slug: NETWORK } });
	const input = postSchema.parse(
		readPostForm(
			form({
				kind: 'NEED',
				title: `Rides to the clinic ${RUN}`,
				category: 'GROCERIES',
				neighborhood: 'kensington',
				timeWindow: 'THIS_WEEK'
			})
		)
	);
	const created = await createPost(author.id, input, new Date(), {
		name: `Intake Neighbor ${RUN}`,
		contact: 'intake-neighbor@example.org',
		networkIds: [networkId]
	});
	expect(created.ok).toBe(true);
});
afterAll(async () => {
	await db.network.update({ where: { slug: NETWORK }, data: { hotline: null } });
	await disconnectDatabase();
});

// Each route types its own event; call() casts the one it builds.
type Load = (event: never) => unknown;
const FLYERS: [kind: string, load: Load, base: string, slug: string][] = [
	['neighborhood', neighborhoodFlyer.load, '/neighborhoods', 'kensington'],
	['network', networkFlyer.load, '/networks', NETWORK]
];

async function flyerAt(handler: Load, base: string, slug: string, query = '') {
	const outcome = await call(
		handler,
		await requestEvent({ path: `${base}/${slug}/flyer${query}`, params: { slug } })
	);
	if (outcome.kind !== 'data') throw new Error(JSON.stringify(outcome));
	return (outcome.data as { flyer: Flyer }).flyer;
}

describe.each(FLYERS)('a %s flyer', (_, handler, base, slug) => {
	it('is 404 for a place that does not exist', async () => {
		const outcome = await call(
			handler,
			await requestEvent({ path: `${base}/nowhere-${RUN}/flyer`, params: { slug: `nowhere-${RUN}` } })
		);
		expect(outcome).toEqual({ kind: 'error', status: 404 });
	});

	it('reads in the page’s language, on US Letter unless A4 is asked for', async () => {
		locale = 'es';
		const flyer = await flyerAt(handler, base, slug);
		expect(flyer.size).toBe('letter');
		expect(flyer.columns).toHaveLength(1);
		const [column] = flyer.columns;
		expect(column).toMatchObject({ locale: 'es', dir: 'ltr', url: `${ORIGIN}${base}/${slug}?lang=es` });
		expect(column!.heading).toContain('Vecinos ayudando a vecinos');
		expect(column!.qrSvg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
		expect(column!.qrSvg).not.toMatch(/<script|on\w+=/i);
		expect(flyer.shortLink).toBe(`${new URL(ORIGIN).host}${base}/${slug}`);
		expect(flyer.tabs.every((tab) => tab.locale === 'es')).toBe(true);

		expect((await flyerAt(handler, base, slug, '?size=a4')).size).toBe('a4');
		expect((await flyerAt(handler, base, slug, '?size=tabloid')).size).toBe('letter');
	});

	it('sets a second language beside the first, each with its own QR code', async () => {
		const flyer = await flyerAt(handler, base, slug, '?second=ar');
		expect(flyer.columns.map((c) => [c.locale, c.dir, c.url])).toEqual([
			['en', 'ltr', `${ORIGIN}${base}/${slug}?lang=en`],
			['ar', 'rtl', `${ORIGIN}${base}/${slug}?lang=ar`]
		]);
		expect(flyer.columns[0]!.qrSvg).not.toBe(flyer.columns[1]!.qrSvg);
		expect(new Set(flyer.tabs.map((tab) => tab.locale))).toEqual(new Set(['en', 'ar']));
		// The same language twice, or one the app does not speak, is one column.
		expect((await flyerAt(handler, base, slug, '?second=en')).columns).toHaveLength(1);
		expect((await flyerAt(handler, base, slug, '?second=xx')).columns).toHaveLength(1);
	});

	it('gives the network’s hotline and nothing about the neighbors posting there', async () => {
		const flyer = await flyerAt(handler, base, slug);
		expect(flyer.columns[0]!.hotline).toBe(`No internet? Call ${HOTLINE}`);
		const everything = JSON.stringify(flyer);
		for (const secret of [RUN, AUTHOR_EMAIL, '555 0199', 'intake-neighbor@example.org']) {
			expect(everything).not.toContain(secret);
		}
	});
});
