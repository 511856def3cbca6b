// scripts/serve.js's first 'request' listener calls the function registered here before adapter-node
// builds a Request for SvelteKit: a page-cache hit is then answered from stored bytes, at about the cost
// of a static file. Its rules are the page cache's own (PageCache.front); this only writes the answer
// and does for it what handleObservability does for every other request. `vite dev` has no serve.js:
// there the cache's hook answers hits.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { withRequestId } from '../log.ts';
import { recordRequest, requestIdFor } from '../hooks/observe.ts';
import type { PageCache } from './page-cache.ts';

export const FRONT_DOOR = Symbol.for('each-other.page-cache');

/** True when it answered; false lets the request through to SvelteKit. */
export type FrontDoor = (request: IncomingMessage, response: ServerResponse) => boolean;

export function frontDoor(cache: Pick<PageCache, 'front'>): FrontDoor {
	return (request, response) => {
		const started = performance.now();
		const url = request.url ?? '/';
		const answer = cache.front(request);
		if (!answer) return false;
		const requestId = requestIdFor(request.headers['x-request-id'] as string | undefined);
		response.writeHead(answer.status, { ...answer.headers, 'x-request-id': requestId });
		response.end(answer.body ?? undefined);
		withRequestId(requestId, () =>
			recordRequest(
				request.method ?? 'GET',
				answer.route,
				url.split('?', 1)[0] ?? url,
				answer.status,
				started
			)
		);
		return true;
	};
}

export function openFrontDoor(cache: Pick<PageCache, 'front'>) {
	(globalThis as Record<symbol, unknown>)[FRONT_DOOR] = frontDoor(cache);
}
