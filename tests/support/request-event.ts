// Runs a route's real load, form action or endpoint in Vitest: a RequestEvent as SvelteKit builds it,
// with the signed-in person in locals, and the outcome read the way SvelteKit reads it (a thrown
// redirect or HttpError is a response; any other throw is what would be a 500).
import { isActionFailure, isHttpError, isRedirect, type RequestEvent } from '@sveltejs/kit';
import { loadCurrentUser } from '../../src/lib/server/accounts/actor.ts';

export const ORIGIN = 'http://localhost:5173';

export interface EventInit {
	path: string;
	params?: Record<string, string>;
	userId?: string | null;
	method?: string;
	body?: FormData | URLSearchParams;
	ip?: string;
}

export async function requestEvent({
	path,
	params = {},
	userId,
	method,
	body,
	ip = '203.0.113.9'
}: EventInit) {
	const url = new URL(path, ORIGIN);
	const user = userId ? await loadCurrentUser(userId) : null;
	const request = new Request(url, {
		method: method ?? (body ? 'POST' : 'GET'),
		headers: { origin: ORIGIN },
		body: body ?? null
	});
	const cookies = { get: () => undefined, getAll: () => [], set() {}, delete() {}, serialize: () => '' };
	return {
		request,
		url,
		params,
		locals: { user, session: null },
		cookies,
		route: { id: null },
		getClientAddress: () => ip,
		setHeaders() {},
		fetch,
		platform: undefined,
		isDataRequest: false,
		isSubRequest: false
	} as unknown as RequestEvent;
}

export type Outcome =
	| { kind: 'data'; status: 200; data: unknown }
	| { kind: 'fail'; status: number; data: Record<string, unknown> }
	| { kind: 'redirect'; status: number; location: string }
	| { kind: 'error'; status: number }
	| { kind: 'crash'; status: 500; error: unknown };

/** What the handler did, as the status SvelteKit would answer with. */
export async function outcomeOf(run: () => unknown): Promise<Outcome> {
	try {
		const result = await run();
		if (isActionFailure(result)) {
			return { kind: 'fail', status: result.status, data: (result.data ?? {}) as Record<string, unknown> };
		}
		if (result instanceof Response) {
			return result.status >= 500
				? { kind: 'crash', status: 500, error: `status ${result.status}` }
				: { kind: 'data', status: 200, data: result };
		}
		return { kind: 'data', status: 200, data: result };
	} catch (thrown) {
		if (isRedirect(thrown)) return { kind: 'redirect', status: thrown.status, location: thrown.location };
		if (isHttpError(thrown)) {
			return thrown.status >= 500
				? { kind: 'crash', status: 500, error: thrown }
				: { kind: 'error', status: thrown.status };
		}
		return { kind: 'crash', status: 500, error: thrown };
	}
}

/** Calls a route's handler with the event; each route types its own event, so this one is cast. */
export function call<Event>(handler: ((event: Event) => unknown) | undefined, event: RequestEvent) {
	if (!handler) throw new Error('no such handler');
	return outcomeOf(() => handler(event as unknown as Event));
}

export const form = (fields: Record<string, string | string[]>) => {
	const body = new FormData();
	for (const [name, value] of Object.entries(fields)) {
		for (const v of Array.isArray(value) ? value : [value]) body.append(name, v);
	}
	return body;
};
