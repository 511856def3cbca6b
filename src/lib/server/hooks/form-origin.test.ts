import type { RequestEvent } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import { formOriginCheck } from './form-origin.ts';

const ORIGIN = 'https://eachother.example';

async function statusOf(path: string, headers: Record<string, string>, method = 'POST', enabled = true) {
	const url = new URL(path, ORIGIN);
	const request = new Request(url, { method, headers, body: method === 'GET' ? null : 'a=1' });
	const response = await formOriginCheck(enabled)({
		event: { request, url } as RequestEvent,
		resolve: async () => new Response('resolved')
	});
	return response.status;
}

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

it.each([
	['a form post from the site', '/signin', { ...FORM, origin: ORIGIN }, 200],
	['a form post from elsewhere', '/signin', { ...FORM, origin: 'https://evil.example' }, 403],
	['a form post with no Origin', '/signin', FORM, 403],
	[
		'a multipart post from elsewhere',
		'/posts/new',
		{ 'content-type': 'multipart/form-data; boundary=x', origin: 'null' },
		403
	],
	[
		'a text/plain post from elsewhere',
		'/account',
		{ 'content-type': 'text/plain', origin: 'https://evil.example' },
		403
	],
	[
		'a JSON post from elsewhere (not a form; no cookie-borne CSRF)',
		'/api/posts',
		{ 'content-type': 'application/json' },
		200
	],
	// The provider's servers send no Origin; the signature guards these two instead.
	['the inbound-text webhook', '/sms/inbound', FORM, 200],
	['the status webhook', '/sms/status', FORM, 200],
	['a path that only starts like a webhook', '/sms/inbound/x', FORM, 403]
])('%s', async (_label, path, headers, status) => {
	expect(await statusOf(path, headers)).toBe(status);
});

it('lets reads through, and checks nothing on the dev server (as SvelteKit does)', async () => {
	expect(await statusOf('/signin', { origin: 'https://evil.example' }, 'GET')).toBe(200);
	expect(await statusOf('/signin', { ...FORM, origin: 'https://evil.example' }, 'POST', false)).toBe(200);
});
