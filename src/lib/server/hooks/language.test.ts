import { isRedirect, type RequestEvent } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import { handleLanguageChoice } from './language.ts';

function locationAfterChoosing(address: string): string {
	const event = {
		request: new Request(address),
		url: new URL(address),
		cookies: { set: () => {} }
	} as unknown as RequestEvent;
	try {
		void handleLanguageChoice({ event, resolve: async () => new Response('page') });
	} catch (thrown) {
		if (isRedirect(thrown)) return thrown.location;
		throw thrown;
	}
	throw new Error('no redirect');
}

it('drops ?lang= and stays on the same page', () => {
	expect(locationAfterChoosing('http://localhost/board?kind=NEED&lang=es')).toBe('/board?kind=NEED');
});

it('never turns a path that starts with // into an address on another site', () => {
	expect(locationAfterChoosing('http://localhost//evil.example/?lang=es')).toBe('/');
	expect(locationAfterChoosing('http://localhost/%5Cevil.example?lang=es')).toBe('/%5Cevil.example');
});
