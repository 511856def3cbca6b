// What a link to each public page says when pasted into a chat (the `preview` every public load hands
// the root layout, which renders it as Open Graph and Twitter tags), in the page's language, and the
// share links on posts and neighborhoods: never who posted, answered, or was posted for.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { baseLocale, locales, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import type { LinkPreview, ShareLinks } from '$lib/preview';
import * as home from '../../src/routes/+page.server.ts';
import * as layout from '../../src/routes/+layout.server.ts';
import * as board from '../../src/routes/board/+page.server.ts';
import * as learn from '../../src/routes/learn/+page.server.ts';
import * as learnPage from '../../src/routes/learn/[slug=slug]/+page.server.ts';
import * as neighborhood from '../../src/routes/neighborhoods/[slug=slug]/+page.server.ts';
import * as networks from '../../src/routes/networks/+page.server.ts';
import * as network from '../../src/routes/networks/[slug=slug]/+page.server.ts';
import * as post from '../../src/routes/posts/[id=id]/+page.server.ts';
import * as postImage from '../../src/routes/posts/[id=id]/preview.png/+server.ts';
import * as neighborhoodImage from '../../src/routes/neighborhoods/[slug=slug]/preview.png/+server.ts';
import * as networkImage from '../../src/routes/networks/[slug=slug]/preview.png/+server.ts';
import { postCard } from '../../src/lib/server/posts/preview.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { transition } from '../../src/lib/server/posts/lifecycle.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, ORIGIN, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `lp${Date.now().toString(36)}`;
let locale: Locale = baseLocale;
let posters = 0;
overwriteGetLocale(() => locale);
afterEach(() => (locale = baseLocale));

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

interface Loaded {
	preview: LinkPreview;
	share?: ShareLinks | null;
}

async function load<Event>(
	handler: ((event: Event) => unknown) | undefined,
	path: string,
	params: Record<string, string> = {},
	userId: string | null = null
) {
	const outcome = await call(handler, await requestEvent({ path, params, userId }));
	if (outcome.kind !== 'data') throw new Error(`${path}: ${JSON.stringify(outcome)}`);
	return outcome.data as Loaded;
}

const NETWORK = 'kensington-group-for-mutual-aid';

async function newPost(
	fields: { kind: 'NEED' | 'OFFER'; title: string },
	intake?: { name: string; contact: string }
) {
	const author = await db.user.create({
		data: {
			email: `poster-${RUN}-${++posters}@example.org`,
			name: `Poster ${RUN}`,
			profileCompletedAt: new Date()
		}
	});
	const { id: networkId } = await db.network.findUniqueOrThrow({ where: { slug: NETWORK } });
	const input = postSchema.parse(
		readPostForm(
			form({
				...fields,
				category: 'GROCERIES',
				neighborhood: 'kensington',
				timeWindow: 'THIS_WEEK',
				...(fields.kind === 'OFFER' ? { quantity: '1' } : {})
			})
		)
	);
	const created = await createPost(
		author.id,
		input,
		new Date(),
		intake && { ...intake, networkIds: [networkId] }
	);
	if (!created.ok) throw new Error(JSON.stringify(created));
	return { id: created.id, author };
}

// Every public page type, with the path its preview should name.
const PAGES = [
	['home', () => load(home.load, '/'), '/'],
	['board', () => load(board.load, '/board'), '/board'],
	['networks', () => load(networks.load, '/networks'), '/networks'],
	['a network', () => load(network.load, `/networks/${NETWORK}`, { slug: NETWORK }), `/networks/${NETWORK}`],
	[
		'a neighborhood',
		() => load(neighborhood.load, '/neighborhoods/kensington', { slug: 'kensington' }),
		'/neighborhoods/kensington'
	],
	['Learn', () => load(learn.load, '/learn'), '/learn'],
	[
		'a Learn page',
		() => load(learnPage.load, '/learn/what-is-mutual-aid', { slug: 'what-is-mutual-aid' }),
		'/learn/what-is-mutual-aid'
	]
] as const;

describe('every public page has a preview in its language', () => {
	it.each(PAGES)('%s', async (_, run, path) => {
		const english = (await run()).preview;
		expect(english).toMatchObject({
			url: `${ORIGIN}${path}?lang=en`,
			locale: 'en_US',
			siteName: 'Each Other'
		});
		expect(english.title.length).toBeGreaterThan(2);
		expect(english.description.length).toBeGreaterThan(20);
		// Every other language the app speaks, each once, in Open Graph's language_TERRITORY form.
		expect(english.alternateLocales).toHaveLength(locales.length - 1);
		expect(new Set(english.alternateLocales).size).toBe(locales.length - 1);
		expect(english.alternateLocales).toEqual(expect.arrayContaining(['es_US', 'zh_TW', 'ar_AR']));
		expect(english.alternateLocales).not.toContain('en_US');

		locale = 'es';
		const spanish = (await run()).preview;
		expect(spanish).toMatchObject({ url: `${ORIGIN}${path}?lang=es`, locale: 'es_US' });
		expect(spanish.description).not.toBe(english.description);
	});

	it('the root layout gives any other page the site’s own preview', async () => {
		const { preview } = await load(layout.load, '/signin');
		expect(preview).toMatchObject({ title: 'Each Other', url: `${ORIGIN}/signin?lang=en`, type: 'website' });
	});

	it('names this site’s address even for a path that looks like another site', async () => {
		const { preview } = await load(layout.load, `${ORIGIN}//evil.example/x`);
		expect(preview.url).toBe(`${ORIGIN}//evil.example/x?lang=en`);
	});

	it('a network’s preview names it and its borough', async () => {
		const { preview } = await load(network.load, `/networks/${NETWORK}`, { slug: NETWORK });
		const { name } = await db.network.findUniqueOrThrow({ where: { slug: NETWORK } });
		expect(preview.title).toBe(name);
		expect(preview.description).toContain('Brooklyn');
	});
});

describe('a post’s preview and share links', () => {
	it('say its title, kind, neighborhood and network, and nothing about who posted it', async () => {
		const { id, author } = await newPost({ kind: 'NEED', title: `Rides to the clinic ${RUN}` });
		const page = await load(post.load, `/posts/${id}`, { id: String(id) });
		expect(page.preview).toMatchObject({
			title: `Rides to the clinic ${RUN}`,
			type: 'article',
			url: `${ORIGIN}/posts/${id}?lang=en`
		});
		expect(page.preview.description).toMatch(/^A neighbor in Kensington needs help\..*Kensington/);
		const text = JSON.stringify([page.preview, page.share]);
		expect(text).not.toContain(author.name!);
		expect(text).not.toContain(author.email);

		locale = 'es';
		const spanish = await load(post.load, `/posts/${id}`, { id: String(id) });
		expect(spanish.preview.description).toMatch(/^Un vecino de Kensington necesita ayuda\./);
	});

	it('on an intake post, never name the neighbor it was posted for or their contact', async () => {
		const intake = { name: `Doña Rosa ${RUN}`, contact: '718 555 0199' };
		const { id } = await newPost({ kind: 'OFFER', title: `A crib ${RUN}` }, intake);
		for (const viewer of [null, (await db.user.create({ data: { email: `v-${RUN}@example.org` } })).id]) {
			const page = await load(post.load, `/posts/${id}`, { id: String(id) }, viewer);
			expect(page.preview.description).toMatch(/^A neighbor in Kensington is offering help\./);
			const text = JSON.stringify([page.preview, page.share]);
			expect(text).not.toContain('Rosa');
			expect(text).not.toContain('555');
		}
	});

	it('share the page with a ready text through WhatsApp, a text message, or the address', async () => {
		const { id } = await newPost({ kind: 'NEED', title: `Soup & bread ${RUN}` });
		const { share, preview } = await load(post.load, `/posts/${id}`, { id: String(id) });
		const ready = `Soup & bread ${RUN}\n${preview.description}\n${ORIGIN}/posts/${id}?lang=en`;
		expect(share).toEqual({
			url: `${ORIGIN}/posts/${id}?lang=en`,
			whatsapp: `https://wa.me/?text=${encodeURIComponent(ready)}`,
			sms: `sms:?&body=${encodeURIComponent(ready)}`
		});
	});

	it('are not offered once the post is closed', async () => {
		const { id, author } = await newPost({ kind: 'NEED', title: `Closed ${RUN}` });
		await transition(id, 'withdraw');
		const page = await load(post.load, `/posts/${id}`, { id: String(id) }, author.id);
		expect(page.share).toBeNull();
	});
});

it('a neighborhood offers share links in the viewer’s language', async () => {
	locale = 'es';
	const { share } = await load(neighborhood.load, '/neighborhoods/kensington', { slug: 'kensington' });
	expect(share?.url).toBe(`${ORIGIN}/neighborhoods/kensington?lang=es`);
	expect(decodeURIComponent(share!.whatsapp)).toContain('Pide y ofrece ayuda en Kensington, Brooklyn');
});

describe('preview images', () => {
	async function image<Event>(
		handler: (event: Event) => unknown,
		path: string,
		params: Record<string, string>
	) {
		const outcome = await call(handler, await requestEvent({ path, params }));
		if (outcome.kind !== 'data') return outcome;
		const response = outcome.data as Response;
		return { type: response.headers.get('content-type'), png: Buffer.from(await response.arrayBuffer()) };
	}

	it('a public post, a neighborhood and a network have one, named in their preview', async () => {
		const { id } = await newPost({ kind: 'OFFER', title: `Winter coats ${RUN}` });
		const pages = [
			[post.load, postImage.GET, `/posts/${id}`, { id: String(id) }],
			[neighborhood.load, neighborhoodImage.GET, '/neighborhoods/kensington', { slug: 'kensington' }],
			[network.load, networkImage.GET, `/networks/${NETWORK}`, { slug: NETWORK }]
		] as const;
		for (const [page, picture, path, params] of pages) {
			const { preview } = await load(page as (event: never) => unknown, path, params);
			expect(preview.image).toEqual({ url: `${ORIGIN}${path}/preview.png?lang=en`, width: 600, height: 315 });
			const served = await image(picture as (event: never) => unknown, `${path}/preview.png`, params);
			expect(served).toMatchObject({ type: 'image/png' });
			expect('png' in served && served.png.readUInt32BE(16)).toBe(600);
		}
	});

	it('a post nobody else may see has none, and its picture is a 404', async () => {
		const { id, author } = await newPost({ kind: 'NEED', title: `Withdrawn ${RUN}` });
		await transition(id, 'withdraw');
		const { preview } = await load(post.load, `/posts/${id}`, { id: String(id) }, author.id);
		expect(preview.image).toBeNull();
		expect(await image(postImage.GET, `/posts/${id}/preview.png`, { id: String(id) })).toEqual({
			kind: 'error',
			status: 404
		});
	});

	it('an intake post’s picture shows its kind, title and place, never the neighbor', async () => {
		const { id } = await newPost(
			{ kind: 'NEED', title: `Rides ${RUN}` },
			{ name: `Rosa ${RUN}`, contact: '718 555 0123' }
		);
		const card = await postCard(id);
		expect(card).toMatchObject({
			label: 'Need',
			title: `Rides ${RUN}`,
			lines: ['Kensington, Brooklyn', expect.any(String)]
		});
		expect(JSON.stringify(card)).not.toMatch(/Rosa|555/);
	});

	it('an unknown neighborhood or network has none', async () => {
		for (const [picture, path] of [
			[neighborhoodImage.GET, '/neighborhoods/nowhere'],
			[networkImage.GET, '/networks/nobody']
		] as const) {
			expect(
				await image(picture as (event: never) => unknown, `${path}/preview.png`, { slug: 'nowhere' })
			).toEqual({
				kind: 'error',
				status: 404
			});
		}
	});
});
