import { existsSync } from 'node:fs';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { RequestEvent } from '@sveltejs/kit';
import { beforeEach, expect, it } from 'vitest';
import {
	CACHE_HEADER,
	CACHED_ROUTES,
	createPageCache,
	preferredEncoding,
	type PageCache
} from './page-cache.ts';

const LANGUAGE_COOKIE = 'PARAGLIDE_LOCALE';
let locale = 'en';
let cache: PageCache;
/** What the app behind the cache renders, and how often it was asked. */
let rendered: { count: number; body: string; init: ResponseInit };

beforeEach(() => {
	locale = 'en';
	cache = createPageCache(
		{ enabled: true, ttlMs: 60_000, maxBytes: 1024 * 1024 },
		() => locale,
		LANGUAGE_COOKIE
	);
	rendered = { count: 0, body: 'board v1', init: { headers: { 'content-type': 'text/html' } } };
});

function event(
	path: string,
	{ method = 'GET', route = '/board', cookies = {} as Record<string, string> } = {}
) {
	return {
		request: new Request(`http://localhost${path}`, { method }),
		url: new URL(`http://localhost${path}`),
		route: { id: route },
		cookies: { getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) }
	} as unknown as RequestEvent;
}

async function get(path: string, options: Parameters<typeof event>[1] = {}) {
	const response = await cache.handle({
		event: event(path, options),
		resolve: async () => {
			rendered.count++;
			return new Response(`${rendered.body} (${locale})`, rendered.init);
		}
	});
	return { state: response.headers.get(CACHE_HEADER), body: await response.text(), response };
}

it('renders an anonymous page once and serves it again from memory, headers and all', async () => {
	rendered.init = { headers: { 'content-security-policy': "script-src 'nonce-abc'" } };
	expect(await get('/board?q=crib')).toMatchObject({ state: 'miss', body: 'board v1 (en)' });
	const again = await get('/board?q=crib');
	expect(again).toMatchObject({ state: 'hit', body: 'board v1 (en)' });
	expect(again.response.headers.get('content-security-policy')).toBe("script-src 'nonce-abc'");
	expect(rendered.count).toBe(1);
	// Another address is another page.
	expect((await get('/board?q=cribs')).state).toBe('miss');
});

it('renders a page once for readers who ask for it at the same moment', async () => {
	const readers = await Promise.all([get('/board'), get('/board'), get('/board')]);
	expect(rendered.count).toBe(1);
	expect(readers.map((reader) => reader.state)).toEqual(['miss', 'hit', 'hit']);
	expect(readers.map((reader) => reader.body)).toEqual(Array(3).fill('board v1 (en)'));
});

it('lets readers waiting on a page it may not keep render their own', async () => {
	rendered.init = { headers: { 'set-cookie': 'x=1' } };
	const readers = await Promise.all([get('/board'), get('/board')]);
	expect(rendered.count).toBe(2);
	expect(readers.map((reader) => reader.state)).toEqual([null, null]);
});

it('answers a reader who has the page already with a 304', async () => {
	rendered.init = { headers: { etag: '"v1"' } };
	await get('/board');
	const response = await cache.handle({
		event: {
			...event('/board'),
			request: new Request('http://localhost/board', { headers: { 'if-none-match': '"v1"' } })
		},
		resolve: () => Promise.reject(new Error('rendered again'))
	});
	expect(response.status).toBe(304);
	expect(response.headers.get('etag')).toBe('"v1"');
	expect(await response.text()).toBe('');
});

it('gives each response its own headers, so a later hook cannot change the stored ones', async () => {
	(await get('/board')).response.headers.set('x-request-id', 'first');
	expect((await get('/board')).response.headers.get('x-request-id')).toBeNull();
});

it('never serves or keeps a page for someone signed in', async () => {
	await get('/board');
	rendered.body = 'board for Ana';
	const signedIn = { cookies: { 'authjs.session-token': 'abc' } };
	expect(await get('/board', signedIn)).toMatchObject({ state: null, body: 'board for Ana (en)' });
	expect(await get('/board', signedIn)).toMatchObject({ state: null, body: 'board for Ana (en)' });
	expect(rendered.count).toBe(3);
	// Nor did her page replace the anonymous one.
	expect(await get('/board')).toMatchObject({ state: 'hit', body: 'board v1 (en)' });
});

it('never serves a page to a request with a flash confirmation or any other cookie', async () => {
	await get('/posts/1', { route: '/posts/[id=id]' });
	for (const cookies of [{ flash: 'post_saved' }, { 'authjs.csrf-token': 'x' }] as Record<string, string>[]) {
		expect((await get('/posts/1', { route: '/posts/[id=id]', cookies })).state).toBeNull();
	}
	expect(rendered.count).toBe(3);
});

it('keeps one page per language, the language cookie being the one cookie allowed', async () => {
	expect(await get('/')).toMatchObject({ state: 'miss', body: 'board v1 (en)' });
	locale = 'es';
	const spanish = { route: '/board', cookies: { [LANGUAGE_COOKIE]: 'es' } };
	expect(await get('/', spanish)).toMatchObject({ state: 'miss', body: 'board v1 (es)' });
	expect(await get('/', spanish)).toMatchObject({ state: 'hit', body: 'board v1 (es)' });
	locale = 'en';
	expect(await get('/')).toMatchObject({ state: 'hit', body: 'board v1 (en)' });
});

it('shows a change on the next request after any write through this instance', async () => {
	await get('/board');
	rendered.body = 'board v2';
	await cache.handle({
		event: event('/posts/1', { method: 'POST' }),
		resolve: async () => new Response(null, { status: 303 })
	});
	expect(await get('/board')).toMatchObject({ state: 'miss', body: 'board v2 (en)' });
});

it('does not keep a page whose rendering overlapped a write', async () => {
	let finishWrite = () => {};
	const write = cache.handle({
		event: event('/posts/1', { method: 'POST' }),
		resolve: () =>
			new Promise<Response>((done) => (finishWrite = () => done(new Response(null, { status: 303 }))))
	});
	await get('/board');
	finishWrite();
	await write;
	expect((await get('/board')).state).toBe('miss');
});

it('forgets everything when told of a write outside a request', async () => {
	await get('/board');
	cache.clear();
	expect((await get('/board')).state).toBe('miss');
});

it('does not keep a response that sets a cookie, is not a 200, or asks not to be stored', async () => {
	const refused: ResponseInit[] = [
		{ headers: { 'set-cookie': 'flash=; Max-Age=0' } },
		{ status: 404 },
		{ headers: { 'cache-control': 'private, no-store' } }
	];
	for (const init of refused) {
		rendered.init = init;
		await get('/board');
		const again = await get('/board');
		expect(again.state).toBeNull();
		expect(again.response.status).toBe(init.status ?? 200);
	}
	expect(rendered.count).toBe(6);
});

it('leaves routes not listed, HEAD requests and a switched-off cache alone', async () => {
	for (let i = 0; i < 2; i++) {
		expect((await get('/account', { route: '/account' })).state).toBeNull();
		expect((await get('/board', { method: 'HEAD' })).state).toBeNull();
	}
	cache = createPageCache(
		{ enabled: false, ttlMs: 60_000, maxBytes: 1024 * 1024 },
		() => locale,
		LANGUAGE_COOKIE
	);
	await get('/board');
	expect((await get('/board')).state).toBeNull();
	expect(rendered.count).toBe(6);
});

it('drops the least recently read pages beyond its size', async () => {
	cache = createPageCache({ enabled: true, ttlMs: 60_000, maxBytes: 4096 }, () => locale, LANGUAGE_COOKIE);
	rendered.body = 'x'.repeat(1500);
	await get('/board?page=1');
	await get('/board?page=2');
	await get('/board?page=3');
	expect((await get('/board?page=1')).state).toBe('miss');
	expect((await get('/board?page=3')).state).toBe('hit');
});

it('lets a page expire after its few seconds', async () => {
	cache = createPageCache({ enabled: true, ttlMs: 20, maxBytes: 1024 * 1024 }, () => locale, LANGUAGE_COOKIE);
	await get('/board');
	await new Promise((done) => setTimeout(done, 40));
	expect((await get('/board')).state).toBe('miss');
});

it('lists only routes that exist, so a renamed one is not silently left out', () => {
	for (const route of CACHED_ROUTES) expect(existsSync(`src/routes${route}`), route).toBe(true);
});

/** What scripts/serve.js asks before SvelteKit runs, as a Node request would carry it. */
const front = (url: string, headers: Record<string, string> = {}, method = 'GET') =>
	cache.front({ method, url, headers });

it('answers from the front only what the hook stored, with its final headers', async () => {
	rendered.init = { headers: { 'content-type': 'text/html', etag: '"v1"' } };
	expect(front('/board?q=crib')).toBeNull();
	await get('/board?q=crib');
	const hit = front('/board?q=crib')!;
	expect(hit).toMatchObject({ status: 200, route: '/board' });
	expect(hit.body!.toString()).toBe('board v1 (en)');
	expect(hit.headers).toMatchObject({
		'content-type': 'text/html',
		etag: '"v1"',
		[CACHE_HEADER]: 'hit',
		vary: 'Accept-Encoding',
		'content-length': String('board v1 (en)'.length),
		// Added by an outer hook on SvelteKit's way: stored with the page so the front sends them too.
		'x-frame-options': 'DENY',
		'x-content-type-options': 'nosniff',
		'referrer-policy': 'strict-origin-when-cross-origin'
	});
	expect(front('/board?q=cribs')).toBeNull();
	expect(front('/board/__data.json?q=crib')).toBeNull();
	expect(front('/board?q=crib', {}, 'HEAD')).toMatchObject({ status: 200, body: null });
	expect(front('/board?q=crib', { 'if-none-match': '"v1"' })).toMatchObject({ status: 304, body: null });
	expect(front('/board?q=crib', { 'if-none-match': '"v0"' })?.status).toBe(200);
});

it('never answers from the front a write, a signed-in reader or any cookie but the language', async () => {
	await get('/board');
	expect(front('/board')).not.toBeNull();
	for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) expect(front('/board', {}, method)).toBeNull();
	expect(front('/board', { cookie: 'authjs.session-token=abc' })).toBeNull();
	expect(front('/board', { cookie: `${LANGUAGE_COOKIE}=en; flash=saved` })).toBeNull();
	expect(front('/board', { cookie: `${LANGUAGE_COOKIE}x` })).toBeNull();
	expect(front('/board', { cookie: `${LANGUAGE_COOKIE}=en` })).not.toBeNull();
	cache.clear();
	expect(front('/board')).toBeNull();
});

it('keys the front by the language the page is rendered in', async () => {
	cache = createPageCache(
		{ enabled: true, ttlMs: 60_000, maxBytes: 1024 * 1024 },
		(request) => request.headers.get('cookie')?.split('=')[1] ?? 'en',
		LANGUAGE_COOKIE
	);
	await cache.handle({
		event: {
			...event('/board'),
			request: new Request('http://localhost/board', { headers: { cookie: `${LANGUAGE_COOKIE}=es` } })
		},
		resolve: async () => new Response('tablón')
	});
	expect(front('/board')).toBeNull();
	expect(front('/board', { cookie: `${LANGUAGE_COOKIE}=es` })?.body?.toString()).toBe('tablón');
});

it('answers from the front in brotli or gzip when the reader takes them, the same page', async () => {
	rendered.body = '<p>board</p>'.repeat(200);
	await get('/board');
	const html = `${rendered.body} (en)`;
	const br = front('/board', { 'accept-encoding': 'gzip, deflate, br' })!;
	expect(br.headers['content-encoding']).toBe('br');
	expect(brotliDecompressSync(br.body!).toString()).toBe(html);
	expect(br.headers['content-length']).toBe(String(br.body!.byteLength));
	const gzip = front('/board', { 'accept-encoding': 'gzip, br;q=0' })!;
	expect(gzip.headers['content-encoding']).toBe('gzip');
	expect(gunzipSync(gzip.body!).toString()).toBe(html);
	const plain = front('/board', { 'accept-encoding': 'identity' })!;
	expect(plain.headers['content-encoding']).toBeUndefined();
	expect(plain.body!.toString()).toBe(html);
});

it('picks an encoding the way Accept-Encoding asks', () => {
	expect(preferredEncoding(null)).toBeNull();
	expect(preferredEncoding('gzip')).toBe('gzip');
	expect(preferredEncoding('gzip, br')).toBe('br');
	expect(preferredEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
	expect(preferredEncoding('*')).toBe('br');
	expect(preferredEncoding('*, br;q=0, gzip;q=0')).toBeNull();
	expect(preferredEncoding('deflate')).toBeNull();
});

it('does not keep a data request under its page address', async () => {
	await cache.handle({
		event: { ...event('/board'), isDataRequest: true } as RequestEvent,
		resolve: async () => new Response('{"type":"data"}')
	});
	expect(front('/board')).toBeNull();
});
