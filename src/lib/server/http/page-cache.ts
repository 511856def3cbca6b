// Anonymous pages are the same for everyone who reads them in one language, and rendering one costs far
// more than the query behind it (issue #13: /board at 1.7% of a static file's throughput). So each
// instance keeps what it rendered for anonymous readers for a few seconds, keyed by address and language.
//
// Never cached: a request carrying any cookie but the language one (a session, a flash confirmation,
// anything we did not foresee), a method other than GET, a route not listed below, and a response that
// is not a plain 200 or that sets a cookie or asks not to be stored. The whole response is kept, headers
// with the body, so a Content-Security-Policy always travels with the page it was written for.
//
// Freshness: any write through this instance (a POST, PUT, PATCH or DELETE: a post, a claim, a network
// edit, a moderation) empties it, and so does each run of the scheduled jobs (which expire posts). Other
// instances behind the same proxy do not hear of it: their copies expire within the TTL.
//
// Under `npm start` a hit does not even reach SvelteKit: scripts/serve.js asks `front` (registered by
// http/front-door.ts) first, which answers only what this hook stored, under the same key, from the same
// bytes, and lets everything else through. The stored headers are the final ones (security headers
// included), so both ways send the same page.
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { LRUCache } from 'lru-cache';
import { pageCacheConfig, type PageCacheConfig } from '../config.ts';
import { addSecurityHeaders } from '../hooks/security-headers.ts';

/** Route ids whose anonymous view holds nothing personal: posts, places, networks, guides, feeds. */
export const CACHED_ROUTES = new Set([
	'/',
	'/board',
	'/posts/[id=id]',
	'/networks',
	'/networks/[slug=slug]',
	'/networks/[slug=slug]/[format=feed]',
	'/neighborhoods/[slug=slug]',
	'/neighborhoods/[slug=slug]/[format=feed]',
	'/learn',
	'/learn/[slug=slug]',
	'/api/posts'
]);

const SAFE_METHODS = new Set(['GET', 'HEAD']);

interface Stored {
	/** The route id, for the request metrics of a hit answered before SvelteKit. */
	route: string;
	headers: [string, string][];
	body: Buffer;
	/** Made on the first hit that accepts them, once per page. */
	br?: Buffer;
	gzip?: Buffer;
}

/** What scripts/serve.js writes for a hit: headers and body as they are, nothing else to add. */
export interface FrontAnswer {
	status: 200 | 304;
	route: string;
	headers: Record<string, string>;
	/** Null for a 304 and for HEAD. */
	body: Buffer | null;
}

/** The parts of a Node request `front` reads. */
export interface FrontRequest {
	method?: string;
	url?: string;
	headers: Record<string, string | string[] | undefined>;
}

/** Told to a reader (and the tests) whether the page came from memory. */
export const CACHE_HEADER = 'x-page-cache';

export interface PageCache {
	handle: Handle;
	/** A stored page for this request, or null to let SvelteKit (and so `handle`) answer it. */
	front(request: FrontRequest): FrontAnswer | null;
	/** Forgets every page; call after a write this instance did outside a request. */
	clear(): void;
}

/**
 * @param locale the language a request's page is rendered in (Paraglide's own choice, so a hit skips
 * its middleware)
 * @param languageCookie the one cookie that may come with a cached request: the locale is in the key
 */
export function createPageCache(
	config: PageCacheConfig,
	locale: (request: { headers: Pick<Headers, 'get'> }) => string,
	languageCookie: string
): PageCache {
	/**
	 * How many languages each address is kept in. Working out a request's language costs more than
	 * serving a static file, so the front door asks only for an address that is kept at all.
	 */
	const kept = new Map<string, number>();
	const pages = new LRUCache<string, Stored>({
		maxSize: config.maxBytes,
		// Headers are a few hundred bytes; the body is what counts.
		sizeCalculation: (page) => page.body.byteLength + 512,
		ttl: config.ttlMs,
		// Called for every page that leaves, however it leaves (expired, evicted, replaced, cleared).
		dispose: (_page, key) => {
			const address = addressOf(key);
			const languages = (kept.get(address) ?? 1) - 1;
			if (languages > 0) kept.set(address, languages);
			else kept.delete(address);
		}
	});

	// A data request (`/board/__data.json`) has the page's route and, in event.url, the page's address.
	const cacheable = (event: RequestEvent) =>
		config.enabled &&
		event.request.method === 'GET' &&
		!event.isDataRequest &&
		CACHED_ROUTES.has(event.route.id ?? '') &&
		event.cookies.getAll().every((cookie) => cookie.name === languageCookie);

	/** Pages being rendered now, for readers who ask for the same one meanwhile. */
	const rendering = new Map<string, Promise<Stored | null>>();
	// Bumped when a write starts and when it ends: a page whose rendering overlapped a write may show
	// the state before it, so it is served once but not kept.
	let generation = 0;
	const clear = () => {
		generation++;
		pages.clear();
	};

	const handle: Handle = async ({ event, resolve }) => {
		if (!SAFE_METHODS.has(event.request.method)) {
			clear();
			try {
				return await resolve(event);
			} finally {
				clear();
			}
		}
		if (!cacheable(event)) return resolve(event);
		const key = keyOf(locale(event.request), `${event.url.pathname}${event.url.search}`);
		const hit = pages.get(key);
		if (hit) return answer(hit, 'hit', event.request);
		// When a page expires under load, every reader of it misses at once; one renders it and the others
		// wait for that, rather than fifty renders of one page competing for the database pool.
		const pending = rendering.get(key);
		if (pending) {
			const shared = await pending;
			return shared ? answer(shared, 'hit', event.request) : resolve(event);
		}
		let share!: (page: Stored | null) => void;
		rendering.set(key, new Promise((done) => (share = done)));
		const started = generation;
		let page: Stored | null = null;
		try {
			const response = await resolve(event);
			if (!storable(response)) return response;
			const headers = new Headers(response.headers);
			addSecurityHeaders(headers);
			page = {
				route: event.route.id ?? '',
				headers: [...headers],
				body: Buffer.from(await response.arrayBuffer())
			};
			return answer(page, 'miss', event.request);
		} finally {
			// A page that may predate a write is neither kept nor shared: the others render their own.
			const current = generation === started ? page : null;
			if (current) {
				pages.set(key, current);
				// A page larger than the whole cache is not kept, and nothing leaves for it.
				const address = addressOf(key);
				if (pages.has(key)) kept.set(address, (kept.get(address) ?? 0) + 1);
			}
			rendering.delete(key);
			share(current);
		}
	};

	const front = (request: FrontRequest): FrontAnswer | null => {
		const { method, url } = request;
		if ((method !== 'GET' && method !== 'HEAD') || !url) return null;
		const header = (name: string) => {
			const value = request.headers[name];
			return (Array.isArray(value) ? value.join(', ') : value) ?? null;
		};
		if (!kept.has(url)) return null;
		const cookie = header('cookie');
		if (cookie && !onlyCookie(cookie, languageCookie)) return null;
		// The raw address: one SvelteKit would read differently (`/a/../board`) is simply not found.
		const page = pages.get(keyOf(locale({ headers: { get: header } }), url));
		if (!page) return null;
		const headers: Record<string, string> = Object.fromEntries(page.headers);
		headers[CACHE_HEADER] = 'hit';
		headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : 'Accept-Encoding';
		if (headers.etag && header('if-none-match') === headers.etag) {
			delete headers['content-length'];
			return { status: 304, route: page.route, headers, body: null };
		}
		const encoding = preferredEncoding(header('accept-encoding'));
		const body = encoding ? (page[encoding] ??= compress[encoding](page.body)) : page.body;
		if (encoding) headers['content-encoding'] = encoding;
		headers['content-length'] = String(body.byteLength);
		return { status: 200, route: page.route, headers, body: method === 'HEAD' ? null : body };
	};

	return { handle, clear, front };
}

const keyOf = (locale: string, pathAndSearch: string) => `${locale} ${pathAndSearch}`;
const addressOf = (key: string) => key.slice(key.indexOf(' ') + 1);

/** Whether a Cookie header holds that cookie and no other (anything unreadable counts as another). */
function onlyCookie(header: string, name: string) {
	return header.split(';').every((pair) => {
		const trimmed = pair.trim();
		const equals = trimmed.indexOf('=');
		return trimmed === '' || (equals > 0 && trimmed.slice(0, equals) === name);
	});
}

// The same brotli quality as scripts/serve.js's compression for rendered pages; made once a page.
const compress = {
	br: (body: Buffer) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
	gzip: (body: Buffer) => gzipSync(body)
};

/** br, else gzip, if Accept-Encoding allows it (a q of 0 refuses; `*` allows either). */
export function preferredEncoding(accept: string | null): 'br' | 'gzip' | null {
	if (!accept) return null;
	const quality = new Map<string, number>();
	for (const part of accept.split(',')) {
		const [name = '', ...parameters] = part.split(';').map((piece) => piece.trim().toLowerCase());
		const q = parameters.find((parameter) => parameter.startsWith('q='));
		quality.set(name, q ? Number(q.slice(2)) || 0 : 1);
	}
	const allows = (name: string) => (quality.get(name) ?? quality.get('*') ?? 0) > 0;
	return allows('br') ? 'br' : allows('gzip') ? 'gzip' : null;
}

function storable(response: Response) {
	if (response.status !== 200 || response.headers.has('set-cookie')) return false;
	const control = response.headers.get('cache-control') ?? '';
	return !/\b(no-store|private)\b/i.test(control);
}

/**
 * A fresh Response each time: later hooks add headers (request id, security) to what they are given.
 * A phone that still has this very page (SvelteKit's ETag) gets a 304 without the body, as it would
 * from SvelteKit itself.
 */
function answer(page: Stored, state: 'hit' | 'miss', request: Request) {
	const headers = new Headers(page.headers);
	headers.set(CACHE_HEADER, state);
	const etag = headers.get('etag');
	if (etag && request.headers.get('if-none-match') === etag) {
		headers.delete('content-length');
		return new Response(null, { status: 304, headers });
	}
	return new Response(page.body as Uint8Array<ArrayBuffer>, { status: 200, headers });
}

let shared: PageCache | undefined;

/** The instance's cache, configured from the environment on first use. */
export function pageCache(
	locale: (request: { headers: Pick<Headers, 'get'> }) => string,
	languageCookie: string
): PageCache {
	shared ??= createPageCache(pageCacheConfig(), locale, languageCookie);
	return shared;
}

/** After a write that did not come through a request (the scheduled jobs). */
export function pageCacheChanged() {
	shared?.clear();
}
