import type { RequestEvent } from '@sveltejs/kit';
import { afterEach, expect, it } from 'vitest';
import { handleSecurityHeaders } from './security-headers.ts';

const originalOrigin = process.env.ORIGIN;
afterEach(() => {
	if (originalOrigin === undefined) delete process.env.ORIGIN;
	else process.env.ORIGIN = originalOrigin;
});

async function headersFor(origin: string, response = new Response('ok')) {
	process.env.ORIGIN = origin;
	const event = { url: new URL('/', origin) } as RequestEvent;
	return (await handleSecurityHeaders({ event, resolve: async () => response })).headers;
}

it('asks browsers to keep to https when the site is served over https', async () => {
	const headers = await headersFor('https://eachother.example');
	expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
	expect(headers.get('x-content-type-options')).toBe('nosniff');
});

it('sends no HSTS over plain http, where it would be ignored or lock a local setup out', async () => {
	const headers = await headersFor('http://localhost:3000');
	expect(headers.get('strict-transport-security')).toBeNull();
	expect(headers.get('x-frame-options')).toBe('DENY');
});

it('adds the headers to responses whose headers cannot be changed', async () => {
	const headers = await headersFor(
		'https://eachother.example',
		Response.redirect('https://eachother.example/', 302)
	);
	expect(headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
	expect(headers.get('location')).toBe('https://eachother.example/');
});
