// What a request says about where it came from (Host, X-Forwarded-*, Origin) must not steer the app:
// links in mail come from the configured ORIGIN, and cross-site form posts change nothing.
import { isDeepStrictEqual } from 'node:util';
import { expect, test } from '@playwright/test';
import { stateChangingRoutes } from '../support/routes.ts';
import { mailsTo, seedSession, SESSION_COOKIE, uniqueEmail, withDatabase } from './support/auth.ts';
import { APP_PORT } from './support/env.ts';

const ORIGIN = `http://localhost:${APP_PORT}`;
// As a browser's form post: otherwise SvelteKit answers an action with JSON instead of a redirect.
const FORM_POST = { origin: ORIGIN, accept: 'text/html' };
const EVIL = 'evil.example';

const FORGED: Record<string, Record<string, string>> = {
	'a forged Host': { host: EVIL },
	'X-Forwarded-Host': { 'x-forwarded-host': EVIL },
	'X-Forwarded-Proto': { 'x-forwarded-proto': 'https' },
	'Forwarded and X-Forwarded-Port': { forwarded: `host=${EVIL};proto=https`, 'x-forwarded-port': '8443' }
};

for (const [label, headers] of Object.entries(FORGED)) {
	test(`a sign-in request with ${label} still mails a link to the configured origin`, async ({ request }) => {
		const email = uniqueEmail('forged');
		const response = await request.post('/signin', {
			form: { email },
			headers: { ...FORM_POST, ...headers },
			maxRedirects: 0
		});
		expect(response.status()).toBe(303);
		expect(response.headers()['location']).toBe(
			`${ORIGIN}/auth/verify-request?provider=nodemailer&type=email`
		);
		expect(response.headers()['location']).not.toContain(EVIL);
		const [mail] = await mailsTo(email);
		const links = mail!.text.match(/\w+:\/\/\S+/g) ?? [];
		expect(links.length).toBeGreaterThan(0);
		for (const link of links) expect(link.startsWith(`${ORIGIN}/`), link).toBe(true);
	});
}

test('signing out with forged Host headers ends the session and stays on this site', async ({ request }) => {
	const { sessionToken } = await seedSession();
	const response = await request.post('/signout', {
		form: { redirectTo: '/' },
		headers: {
			...FORM_POST,
			cookie: `${SESSION_COOKIE}=${sessionToken}`,
			host: EVIL,
			'x-forwarded-host': EVIL
		},
		maxRedirects: 0
	});
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe(`${ORIGIN}/`);
	const left = await withDatabase((db) =>
		db.query('SELECT 1 FROM sessions WHERE session_token = $1', [sessionToken])
	);
	expect(left.rowCount).toBe(0);
});

test('choosing a language on a path that starts with // stays on this site', async ({ request }) => {
	const response = await request.get(`${ORIGIN}//${EVIL}/?lang=es`, { maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers()['location']).toBe('/');
});

/** A fingerprint of every row, so a refused request can be shown to have changed nothing. */
async function databaseFingerprint(): Promise<Record<string, string>> {
	return withDatabase(async (db) => {
		const { rows: tables } = await db.query<{ name: string }>(
			`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`
		);
		const fingerprint: Record<string, string> = {};
		for (const { name } of tables) {
			// The mail worker marks earlier tests' messages sent at any moment, and the new-post mail job
			// marks earlier tests' posts mailed; a new message or any other change still counts.
			const row = name === 'posts' ? `(to_jsonb(t) - 'network_notified_at')::text` : 't::text';
			const summary =
				name === 'outbox_messages'
					? 'count(*)::text'
					: `count(*) || ':' || md5(string_agg(${row}, ',' ORDER BY ${row}))`;
			const { rows } = await db.query<{ value: string }>(`SELECT ${summary} AS value FROM "${name}" t`);
			fingerprint[name] = rows[0]!.value;
		}
		return fingerprint;
	});
}

test('every state-changing route refuses a cross-site form post, whatever the Host headers say', async ({
	request
}) => {
	const { sessionToken } = await seedSession('admin', 'Cross Site');
	const slug = await withDatabase(
		async (db) =>
			(await db.query<{ slug: string }>('SELECT slug FROM networks ORDER BY id LIMIT 1')).rows[0]!.slug
	);
	const routes = [
		...stateChangingRoutes({ id: '1', slug, token: 'not-a-real-token' }),
		// Auth.js's own endpoints, answered by the auth hook rather than a route file.
		{ method: 'POST', path: '/auth/signout' },
		{ method: 'POST', path: '/auth/session' },
		{ method: 'POST', path: '/auth/callback/nodemailer' }
	];
	expect(routes.length).toBeGreaterThan(20);
	const attempts: Record<string, string>[] = [
		{ origin: `http://${EVIL}` },
		{ origin: `http://${EVIL}`, host: EVIL },
		{ origin: `http://${EVIL}`, 'x-forwarded-host': EVIL },
		{ origin: `https://localhost:${APP_PORT}`, 'x-forwarded-proto': 'https' },
		{ origin: 'null' }
	];
	// The server's scheduled jobs write when they run (every minute: digests queued, posts marked as
	// mailed), which would show in the fingerprint as a write one of these posts did; so the round is
	// run again, up to three times, until none ran during it. A post that writes does so every round.
	for (let round = 1; ; round++) {
		const before = await databaseFingerprint();
		for (const { method, path } of routes) {
			for (const headers of attempts) {
				const response = await request.fetch(path, {
					method,
					form: { email: 'someone@example.org', name: 'Changed', userId: 'x', role: 'ORGANIZER' },
					headers: { ...headers, cookie: `${SESSION_COOKIE}=${sessionToken}` },
					maxRedirects: 0
				});
				expect(response.status(), `${method} ${path} with ${JSON.stringify(headers)}`).toBe(403);
			}
		}
		const after = await databaseFingerprint();
		if (isDeepStrictEqual(after, before) || round === 3) {
			expect(after).toEqual(before);
			break;
		}
	}
});

test('static files are sent with nosniff too, and plain http gets no HSTS', async ({ request }) => {
	for (const path of ['/favicon.svg', '/robots.txt', '/']) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['x-content-type-options'], path).toBe('nosniff');
		expect(response.headers()['strict-transport-security'], path).toBeUndefined();
	}
	const page = await (await request.get('/')).text();
	const asset = page.match(/_app\/immutable\/[^"'\s]+/)?.[0];
	expect(asset, 'a built asset from /_app').toBeTruthy();
	expect((await request.get(`/${asset}`)).headers()['x-content-type-options']).toBe('nosniff');
});

const ANONYMOUS_PAGES = [
	'/',
	'/board',
	'/api/posts',
	'/neighborhoods/astoria-north-ditmars-steinway/rss.xml'
];

test('pages, JSON and feeds are compressed for a client that accepts it', async ({ request }) => {
	for (const [accepted, expected] of [
		['br, gzip', 'br'],
		['gzip', 'gzip'],
		['identity', undefined]
	] as const) {
		for (const path of ANONYMOUS_PAGES) {
			const response = await request.get(path, { headers: { 'accept-encoding': accepted } });
			expect(response.status(), path).toBe(200);
			// Under 1 KB (an empty feed, say) compression costs more than it saves.
			const big = (await response.body()).length >= 1024;
			if (path === '/' || path === '/board') expect(big, path).toBe(true);
			const encoding = response.headers()['content-encoding'];
			if (big || !expected) expect(encoding, `${path} with ${accepted}`).toBe(expected);
			expect(response.headers()['vary'] ?? '', path).toMatch(/accept-encoding/i);
		}
	}
});

// A response that sets a cookie is one no shared cache will keep, and an anonymous visitor has nothing
// to remember: Auth.js's callback-url cookie used to be set on every page.
test('an anonymous visitor is sent no cookies', async ({ request }) => {
	for (const path of ANONYMOUS_PAGES) {
		const response = await request.get(path);
		expect(response.status(), path).toBe(200);
		expect(response.headers()['set-cookie'], path).toBeUndefined();
	}
});
