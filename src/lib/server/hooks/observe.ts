import { randomUUID } from 'node:crypto';
import type { Handle } from '@sveltejs/kit';
import { logger, withRequestId } from '../log.ts';
import { observeRequest } from '../metrics.ts';

// A proxy's id is kept so its log and ours can be joined; anything else it sends is replaced.
const PROXY_REQUEST_ID = /^[\w.-]{1,64}$/;

/**
 * Tags the request with an id (answered as X-Request-Id and on every log line it causes), then logs
 * and counts it by route id. The path's query string is never logged: a search box is free text.
 */
export const handleObservability: Handle = async ({ event, resolve }) => {
	const requestId = requestIdFor(event.request.headers.get('x-request-id'));
	const started = performance.now();
	return withRequestId(requestId, async () => {
		const route = event.route.id ?? 'unmatched';
		let status = 500;
		try {
			const response = await resolve(event);
			status = response.status;
			response.headers.set('x-request-id', requestId);
			return response;
		} finally {
			recordRequest(event.request.method, route, event.url.pathname, status, started);
		}
	});
};

/** The id a request is answered and logged with: its proxy's, else a new one. */
export function requestIdFor(offered: string | null | undefined) {
	return offered && PROXY_REQUEST_ID.test(offered) ? offered : randomUUID();
}

/**
 * Counts and logs one answered request; also for the page cache's hits, which scripts/serve.js answers
 * before SvelteKit (and so before the hook above) runs. Call it within the request's id.
 */
export function recordRequest(method: string, route: string, path: string, status: number, started: number) {
	const seconds = (performance.now() - started) / 1000;
	observeRequest(route, method, status, seconds);
	logger.info({ method, route, path, status, ms: Math.round(seconds * 1000) }, 'request');
}
