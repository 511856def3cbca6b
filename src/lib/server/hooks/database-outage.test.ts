import type { RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { connectDatabase, disconnectDatabase } from '../db/index.ts';
import { isDatabaseUnreachable } from '../db/errors.ts';
import { handleDatabaseOutage } from './database-outage.ts';
import { handleServerError } from './errors.ts';
import { logger } from '../log.ts';

// A real error from the app's client, as the pages would get it: nothing listens on port 9.
let unreachable: unknown;
beforeAll(async () => {
	const db = connectDatabase('postgresql://postgres@127.0.0.1:9/postgres', 1);
	unreachable = await db.user.findFirst().catch((error: unknown) => error);
});
afterAll(disconnectDatabase);

function eventFor(request: Request): RequestEvent {
	return { request, url: new URL(request.url), locals: {} } as RequestEvent;
}

const failing = (error: unknown) => async () => {
	throw error;
};

it('recognizes an unreachable database, and nothing else', () => {
	expect(isDatabaseUnreachable(unreachable)).toBe(true);
	expect(isDatabaseUnreachable(new Error('Cannot read properties of undefined'))).toBe(false);
	expect(isDatabaseUnreachable(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe(true);
	expect(isDatabaseUnreachable(new Error('wrapped', { cause: { code: 'P2024' } }))).toBe(true);
});

it('answers 503 with a page that says to try again in a minute', async () => {
	const event = eventFor(new Request('http://localhost/board', { headers: { 'accept-language': 'es' } }));
	const response = await handleDatabaseOutage({ event, resolve: failing(unreachable) });
	expect(response.status).toBe(503);
	expect(response.headers.get('retry-after')).toBe('60');
	expect(response.headers.get('content-type')).toMatch(/^text\/html/);
	const html = await response.text();
	expect(html).toContain('lang="es"');
	expect(html).toContain('Inténtalo de nuevo en un minuto');
	expect(html).not.toContain('<form');
});

it('keeps what someone posted: every field, escaped, in a form that sends it again', async () => {
	const body = new FormData();
	body.set('title', 'Soup "tonight" <script>alert(1)</script>');
	body.set('body', 'Line one\nLine two & more');
	body.set('photo', new File(['secret bytes'], 'photo.jpg', { type: 'image/jpeg' }));
	const request = new Request('http://localhost/posts/new?/save', { method: 'POST', body });
	const response = await handleDatabaseOutage({ event: eventFor(request), resolve: failing(unreachable) });
	expect(response.status).toBe(503);
	const html = await response.text();
	expect(html).toContain('<form method="POST" action="/posts/new?/save">');
	expect(html).toContain(
		'<input type="hidden" name="title" value="Soup &quot;tonight&quot; &lt;script&gt;alert(1)&lt;/script&gt;">'
	);
	// Multipart bodies carry line breaks as CRLF, as browsers send them.
	expect(html).toContain('Line one\r\nLine two &amp; more');
	expect(html).not.toContain('<script>');
	expect(html).not.toContain('secret bytes');
	expect(html).not.toContain('name="photo"');
	expect(html).toContain('Try again');
});

it('lets every other error through to the error handler', async () => {
	const bug = new TypeError('a bug');
	const event = eventFor(new Request('http://localhost/board'));
	await expect(handleDatabaseOutage({ event, resolve: failing(bug) })).rejects.toBe(bug);
});

it('turns the 500 page of a database error raised in a load or action into a 503', async () => {
	const event = eventFor(new Request('http://localhost/board'));
	const response = await handleDatabaseOutage({
		event,
		resolve: async () => {
			const shown = handleServerError({ error: unreachable, event, status: 500, message: 'Internal Error' });
			return new Response(`<h1>${shown.message}</h1>`, { status: 500, headers: { 'x-kept': 'yes' } });
		}
	});
	expect(response.status).toBe(503);
	expect(response.headers.get('x-kept')).toBe('yes');
	expect(await response.text()).toContain("We can't reach our database right now.");
});

it('logs client errors as one line without a stack, and real failures in full', () => {
	const warn = vi.spyOn(logger, 'warn').mockImplementation(() => {});
	const error = vi.spyOn(logger, 'error').mockImplementation(() => {});
	try {
		const event = eventFor(new Request('http://localhost/posts/new', { method: 'POST' }));
		const tooBig = new Error('Content-length of 99999999 exceeds limit of 524288 bytes.');
		expect(handleServerError({ error: tooBig, event, status: 413, message: 'Payload Too Large' })).toEqual({
			message: 'Payload Too Large'
		});
		expect(warn).toHaveBeenCalledWith(
			'POST /posts/new 413: Content-length of 99999999 exceeds limit of 524288 bytes.'
		);
		expect(error).not.toHaveBeenCalled();

		const bug = new TypeError('a bug');
		expect(handleServerError({ error: bug, event, status: 500, message: 'Internal Error' })).toEqual({
			message: 'Internal error'
		});
		expect(error).toHaveBeenCalledWith({ err: bug }, 'POST /posts/new failed');
	} finally {
		warn.mockRestore();
		error.mockRestore();
	}
});
