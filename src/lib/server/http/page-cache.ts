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
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { LRUCache } from 'lru-cache';
import { pageCacheConfig, type PageCacheConfig } from '../config.ts';

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
	headers: [string, string][];
	body: ArrayBuffer;
}

/** Told to a reader (and the tests) whether the page came from memory. */
export const CACHE_HEADER = 'x-page-cache';

export interface PageCache {
	handle: Handle;
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
	locale: (request: Request) => string,
	languageCookie: string
): PageCache {
	const pages = new LRUCache<string, Stored>({
		maxSize: config.maxBytes,
		// Headers are a few hundred bytes; the body is what counts.
		sizeCalculation: (page) => page.body.byteLength + 512,
		ttl: config.ttlMs
	});

	const cacheable = (event: RequestEvent) =>
		config.enabled &&
		event.request.method === 'GET' &&
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
		const key = `${locale(event.request)} ${event.url.pathname}${event.url.search}`;
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
			page = { headers: [...response.headers], body: await response.arrayBuffer() };
			return answer(page, 'miss', event.request);
		} finally {
			// A page that may predate a write is neither kept nor shared: the others render their own.
			const current = generation === started ? page : null;
			if (current) pages.set(key, current);
			rendering.delete(key);
			share(current);
		}
	};

	return { handle, clear };
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
	return new Response(page.body, { status: 200, headers });
}

let shared: PageCache | undefined;

/** The instance's cache, configured from the environment on first use. */
export function pageCache(locale: (request: Request) => string, languageCookie: string): PageCache {
	shared ??= createPageCache(pageCacheConfig(), locale, languageCookie);
	return shared;
}

/** After a write that did not come through a request (the scheduled jobs). */
export function pageCacheChanged() {
	shared?.clear();
}
