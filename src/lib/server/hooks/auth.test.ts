import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DatabaseUnreachable } from '../db/errors.ts';
import { connectDatabase, disconnectDatabase } from '../db/index.ts';
import { attachUser } from './auth.ts';

// Nothing listens on port 9: the database is down for every test here.
beforeAll(() => void connectDatabase('postgresql://postgres@127.0.0.1:9/postgres', 1));
afterAll(disconnectDatabase);

// Auth.js logs a failed session lookup and answers null, exactly as for a signed-out visitor.
function eventWith(cookies: Record<string, string>): RequestEvent {
	return {
		url: new URL('http://localhost/posts/new'),
		request: new Request('http://localhost/posts/new'),
		cookies: { get: (name: string) => cookies[name] },
		locals: { auth: async () => null }
	} as unknown as RequestEvent;
}

const page = async () => new Response('page');

it('does not treat a signed-in person as signed out when the database is down', async () => {
	const event = eventWith({ 'authjs.session-token': 'a-session' });
	await expect(attachUser({ event, resolve: page })).rejects.toBeInstanceOf(DatabaseUnreachable);
});

it('still serves a visitor without a session, who needs nothing from the database to start', async () => {
	const event = eventWith({});
	const response = await attachUser({ event, resolve: page });
	expect(await response.text()).toBe('page');
	expect(event.locals.user).toBeNull();
});

// Auth.js's session check sets an authjs.callback-url cookie, and a response that sets a cookie is one
// no shared cache will keep: without a session cookie there is no session to look up.
it('does not ask Auth.js for a session when the request carries no session cookie', async () => {
	let asked = 0;
	const event = eventWith({ PARAGLIDE_LOCALE: 'es' });
	event.locals.auth = async () => {
		asked++;
		return null;
	};
	await attachUser({ event, resolve: page });
	expect(asked).toBe(0);
	expect(event.locals.user).toBeNull();
});
