import { redirect, type Handle } from '@sveltejs/kit';
import { paraglideMiddleware } from '$lib/paraglide/server';
import {
	baseLocale,
	cookieMaxAge,
	cookieName,
	defineCustomServerStrategy,
	isLocale,
	toLocale,
	type Locale
} from '$lib/paraglide/runtime';
import { negotiateLocale, textDirection } from '$lib/i18n/locales';
import { safeNextPath } from '../http/next.ts';

/**
 * The language a request reads in: the one chosen before (the cookie), else the best match for the
 * browser's Accept-Language, else English. Paraglide's own matching compares language codes, which
 * cannot tell zh-TW (Traditional) from zh-CN (Simplified). Usable outside the middleware, for the
 * pages and mail made before it runs.
 */
export function requestLocale(request: { headers: Pick<Headers, 'get'> }): Locale {
	const chosen = (request.headers.get('cookie') ?? '')
		.split(';')
		.map((pair) => pair.trim().split('='))
		.find(([name]) => name === cookieName)?.[1];
	return (isLocale(chosen) ? chosen : negotiateLocale(request.headers.get('accept-language'))) ?? baseLocale;
}

defineCustomServerStrategy('custom-request', { getLocale: (request) => request && requestLocale(request) });

/**
 * `?lang=es` on any page chooses a language: it is remembered in a cookie and the address is
 * cleaned up, so a link can carry a language and the switcher works without JavaScript.
 */
export const handleLanguageChoice: Handle = ({ event, resolve }) => {
	const chosen = event.url.searchParams.get('lang');
	if (chosen !== null && event.request.method === 'GET') {
		// Codes are matched without regard to case: a hand-typed ?lang=zh-hant still reads Traditional.
		const locale = toLocale(chosen);
		if (locale) {
			event.cookies.set(cookieName, locale, {
				path: '/',
				maxAge: cookieMaxAge,
				httpOnly: false,
				sameSite: 'lax'
			});
		}
		const clean = new URL(event.url);
		clean.searchParams.delete('lang');
		// A request for //evil.example/?lang=es has the path //evil.example/, which as a Location is
		// another site.
		redirect(303, safeNextPath(clean.pathname + clean.search));
	}
	return resolve(event);
};

/** Picks the locale (cookie, then Accept-Language) and writes it into <html lang dir>. */
export const handleLocale: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, async ({ request, locale }) => {
		event.request = request;
		const response = await resolve(event, {
			transformPageChunk: ({ html }) =>
				html.replace('%paraglide.lang%', locale).replace('%paraglide.dir%', textDirection(locale))
		});
		// The service worker keeps a Learn page, and the offline page, in the language it was read in.
		if (response.headers.get('content-type')?.startsWith('text/html')) {
			try {
				response.headers.set('content-language', locale);
			} catch {
				// Immutable headers: not a page this app rendered.
			}
		}
		return response;
	});

/**
 * A household's answer page (/i/<token>) reads in the language its invitation was texted in, whatever
 * the phone's browser asks for: the request carries that language as if chosen, for this page only
 * (nothing is remembered). `localeOf` finds the invitation's language, or null for an unknown token.
 */
export const handleInvitationLocale =
	(localeOf: (token: string) => Promise<string | null>): Handle =>
	async ({ event, resolve }) => {
		const token = event.route.id === '/i/[token]' ? event.params.token : undefined;
		const locale = token ? await localeOf(token) : null;
		if (isLocale(locale)) {
			const headers = new Headers(event.request.headers);
			headers.set('cookie', `${cookieName}=${locale}; ${headers.get('cookie') ?? ''}`);
			event.request = new Request(event.request, { headers });
		}
		return resolve(event);
	};
