/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
// Offline reading, honestly: the app's styles and scripts are kept at install; each Learn page is kept,
// in the language it was read in, when it is visited; any other page asked for without a connection gets
// the offline page in the reader's language, which says so. Nothing personal is kept: a page served
// with a private Cache-Control (everything a signed-in person sees, hooks/auth.ts) is never stored, and
// a signed-in reader's Learn page is kept as the same page fetched again without cookies.
// Also shows push notifications (push/index.ts on the server) and opens their page when tapped.
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;

const SHELL = `shell-${version}`;
/** Kept pages carry this version's stylesheet addresses, so they go with it. */
const PAGES = `pages-${version}`;
/** The language of the last page read, for the offline answer. */
const LAST_LANGUAGE = '/service-worker/last-language';

// Stylesheets and the small scripts; no page runs the built JavaScript, so it is not downloaded.
const shell = [
	...build.filter((file) => file.endsWith('.css')),
	...files.filter((file) => /\.(js|svg|css)$/.test(file))
];
const shellPaths = new Set(shell);

const isLearn = (url: URL) => url.pathname === '/learn' || url.pathname.startsWith('/learn/');
/** Where a page in one language is kept: the Cache API keys on the address alone. */
const keyFor = (path: string, language: string) =>
	`${path}${path.includes('?') ? '&' : '?'}service-worker-language=${encodeURIComponent(language)}`;
const isPrivate = (response: Response) =>
	/\b(private|no-store)\b/i.test(response.headers.get('cache-control') ?? '');

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			await (await caches.open(SHELL)).addAll(shell);
			// The offline page in the browser's own language, before any page says which one is read.
			await keepPage('/offline', undefined);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const name of await caches.keys()) {
				if (name !== SHELL && name !== PAGES) await caches.delete(name);
			}
			await sw.clients.claim();
		})()
	);
});

/**
 * Fetches the anonymous page, in `language` (Accept-Language, which is all the server goes by without
 * the language cookie), and keeps it unless it came back private after all.
 */
async function keepPage(path: string, language: string | undefined) {
	const response = await fetch(path, {
		credentials: 'omit',
		headers: language ? { 'accept-language': language } : {}
	});
	if (!response.ok || isPrivate(response)) return;
	const pages = await caches.open(PAGES);
	const read = response.headers.get('content-language') ?? 'en';
	if (!language) await pages.put(keyFor(path, 'default'), response.clone());
	await pages.put(keyFor(path, read), response);
}

async function remember(event: FetchEvent, url: URL, response: Response) {
	const language = response.headers.get('content-language');
	if (!response.ok || !language) return;
	const pages = await caches.open(PAGES);
	await pages.put(LAST_LANGUAGE, new Response(language));
	if (!(await pages.match(keyFor('/offline', language)))) await keepPage('/offline', language);
	if (!isLearn(url)) return;
	const path = url.pathname;
	if (isPrivate(response)) await keepPage(path, language);
	else await pages.put(keyFor(path, language), response);
}

async function offline(url: URL): Promise<Response> {
	const pages = await caches.open(PAGES);
	const language = (await (await pages.match(LAST_LANGUAGE))?.text()) ?? 'default';
	const kept = isLearn(url) ? await pages.match(keyFor(url.pathname, language)) : undefined;
	return (
		kept ??
		(await pages.match(keyFor('/offline', language))) ??
		(await pages.match(keyFor('/offline', 'default'))) ??
		new Response('Offline', { status: 503, headers: { 'content-type': 'text/plain' } })
	);
}

async function navigate(event: FetchEvent, url: URL) {
	try {
		const response = await fetch(event.request);
		event.waitUntil(remember(event, url, response.clone()).catch(() => {}));
		return response;
	} catch {
		return offline(url);
	}
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin) return;
	if (shellPaths.has(url.pathname)) {
		event.respondWith(caches.match(url.pathname).then((kept) => kept ?? fetch(request)));
	} else if (request.mode === 'navigate') {
		event.respondWith(navigate(event, url));
	}
});

sw.addEventListener('push', (event) => {
	const { title, body, url } = (event.data?.json() ?? {}) as { title?: string; body?: string; url?: string };
	event.waitUntil(
		sw.registration.showNotification(title ?? '', { body, icon: '/icons/icon-192.png', data: { url } })
	);
});

sw.addEventListener('notificationclick', (event) => {
	event.notification.close();
	const url = (event.notification.data as { url?: string } | null)?.url;
	// Only this site's pages: the payload comes from our server, but an address is checked anyway.
	if (url && new URL(url).origin === sw.location.origin) event.waitUntil(sw.clients.openWindow(url));
});
