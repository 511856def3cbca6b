import { isRedirect, type RequestEvent } from '@sveltejs/kit';
import { describe, expect, it } from 'vitest';
import { handleInvitationLocale, handleLanguageChoice, handleLocale } from './language.ts';

let cookie: string | undefined;
function locationAfterChoosing(address: string): string {
	cookie = undefined;
	const event = {
		request: new Request(address),
		url: new URL(address),
		cookies: { set: (_name: string, value: string) => (cookie = value) }
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

it('remembers a language chosen in any letter case, in its own spelling, and ignores an unknown one', () => {
	expect(locationAfterChoosing('http://localhost/learn?lang=zh-hant')).toBe('/learn');
	expect(cookie).toBe('zh-Hant');
	locationAfterChoosing('http://localhost/learn?lang=de');
	expect(cookie).toBeUndefined();
});

it('never turns a path that starts with // into an address on another site', () => {
	expect(locationAfterChoosing('http://localhost//evil.example/?lang=es')).toBe('/');
	expect(locationAfterChoosing('http://localhost/%5Cevil.example?lang=es')).toBe('/%5Cevil.example');
});

describe('the language a first visit gets', () => {
	const localeFor = async (headers: Record<string, string>) => {
		let html = '<html lang="%paraglide.lang%" dir="%paraglide.dir%">';
		const event = { request: new Request('http://localhost/board', { headers }) } as unknown as RequestEvent;
		await handleLocale({
			event,
			resolve: async (_event, options) => {
				html = (await options?.transformPageChunk?.({ html, done: true })) ?? html;
				return new Response(html);
			}
		});
		return html;
	};

	it.each([
		['zh-TW,zh;q=0.9', 'zh-Hant', 'ltr'],
		['zh-HK', 'zh-Hant', 'ltr'],
		['zh-CN', 'zh-Hans', 'ltr'],
		['zh', 'zh-Hans', 'ltr'],
		['ar-EG,en;q=0.5', 'ar', 'rtl'],
		['ur-PK', 'ur', 'rtl'],
		['de-DE,bn;q=0.8,en;q=0.5', 'bn', 'ltr'],
		['ht', 'ht', 'ltr'],
		['de-DE', 'en', 'ltr']
	])('Accept-Language %s reads in %s, %s', async (header, lang, dir) => {
		expect(await localeFor({ 'accept-language': header })).toBe(`<html lang="${lang}" dir="${dir}">`);
	});

	it('keeps a language chosen before over what the browser asks for', async () => {
		expect(await localeFor({ 'accept-language': 'zh-TW', cookie: 'PARAGLIDE_LOCALE=ur' })).toBe(
			'<html lang="ur" dir="rtl">'
		);
	});
});

describe("a household's answer page", () => {
	const readIn = async (routeId: string, token: string, headers: Record<string, string>) => {
		let html = '<html lang="%paraglide.lang%">';
		const event = {
			request: new Request(`http://localhost/i/${token}`, { headers }),
			route: { id: routeId },
			params: { token }
		} as unknown as RequestEvent;
		const invitations: Record<string, string> = { 'texted-in-haitian': 'ht' };
		await handleInvitationLocale(async (t) => invitations[t] ?? null)({
			event,
			resolve: (event) =>
				handleLocale({
					event,
					resolve: async (_event, options) => {
						html = (await options?.transformPageChunk?.({ html, done: true })) ?? html;
						return new Response(html);
					}
				})
		});
		return html;
	};

	it('reads in the language the invitation was texted in, whatever the browser or an earlier choice says', async () => {
		const english = { 'accept-language': 'en-US', cookie: 'PARAGLIDE_LOCALE=es' };
		expect(await readIn('/i/[token]', 'texted-in-haitian', english)).toBe('<html lang="ht">');
		// An unknown token, or another page, goes by the reader as always.
		expect(await readIn('/i/[token]', 'never-given-token', english)).toBe('<html lang="es">');
		expect(await readIn('/board', 'texted-in-haitian', english)).toBe('<html lang="es">');
	});
});
