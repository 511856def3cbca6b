import { error, redirect, type Handle } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { loadCurrentUser } from '../accounts/actor.ts';
import { authHandle, SESSION_COOKIES } from '../auth/index.ts';
import { asAnonymousRead, databaseAnswers } from '../db/index.ts';
import { DatabaseUnreachable } from '../db/errors.ts';
import { SIGNED_WEBHOOKS } from './form-origin.ts';

/**
 * Sign-in requests must come through the /signin form action, where the rate limits are; Auth.js's own
 * endpoint for starting a sign-in is closed. Its callback (following a link) stays open.
 */
const closeDirectSignIn: Handle = ({ event, resolve }) => {
	if (event.url.pathname.startsWith('/auth/signin')) error(404, 'Not found');
	return resolve(event);
};

/** Reads the session once per request into locals.user. */
export const attachUser: Handle = async ({ event, resolve }) => {
	event.locals.user = null;
	// /healthz must answer 503, not fail, when the database is down. Without a session cookie there is
	// no session to find, and asking Auth.js anyway sets a callback-url cookie that keeps anonymous
	// pages out of every shared cache.
	// The SMS webhooks act for the provider, never for a session, whatever cookies a request carries.
	const hasSessionCookie = SESSION_COOKIES.some((name) => event.cookies.get(name));
	const sessionless = event.url.pathname === '/healthz' || SIGNED_WEBHOOKS.includes(event.url.pathname);
	if (!sessionless && hasSessionCookie) {
		const session = await event.locals.auth();
		if (session?.user?.id) event.locals.user = await loadCurrentUser(session.user.id);
		// Auth.js logs a failed session lookup and answers "no session", which would show a signed-in
		// person the sign-in page and lose what they had typed; handleDatabaseOutage answers 503 instead.
		else if (!(await databaseAnswers())) throw new DatabaseUnreachable();
	}
	const anonymousRead = !event.locals.user && SAFE_METHODS.has(event.request.method);
	if (anonymousRead) return asAnonymousRead(() => resolve(event));
	const response = await resolve(event);
	// What a signed-in person sees is theirs: no shared cache, nor the app's own service worker, keeps it.
	if (event.locals.user && !response.headers.has('cache-control')) {
		try {
			response.headers.set('cache-control', 'private, no-cache');
		} catch {
			// A redirect's headers are immutable; it carries no page.
		}
	}
	return response;
};

const SAFE_METHODS = new Set(['GET', 'HEAD']);

const PROFILE_STEP = '/welcome';
const ALWAYS_REACHABLE = [PROFILE_STEP, '/signout', '/auth', '/account', '/learn', '/data'];

/** Someone who just signed in for the first time finishes the short profile before anything else. */
const finishProfileFirst: Handle = ({ event, resolve }) => {
	const user = event.locals.user;
	const path = event.url.pathname;
	const exempt = ALWAYS_REACHABLE.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
	if (user && !user.profileComplete && !exempt && event.request.method === 'GET') {
		redirect(303, `${PROFILE_STEP}?next=${encodeURIComponent(path + event.url.search)}`);
	}
	return resolve(event);
};

export const handleAuth = sequence(closeDirectSignIn, authHandle, attachUser, finishProfileFirst);
