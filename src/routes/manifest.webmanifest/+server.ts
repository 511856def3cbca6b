// The web app manifest that makes the site installable. The page links it with its own language
// (?locale=), since a browser fetches a manifest without cookies, so without the chosen language.
import { m } from '$lib/paraglide/messages';
import { getLocale, toLocale } from '$lib/paraglide/runtime';
import { textDirection } from '$lib/i18n/locales';
import { publicAccess } from '$lib/server/guard';
import type { RequestHandler } from './$types';

/** --accent and --paper in app.css. */
const THEME_COLOUR = '#a8321b';
const BACKGROUND = '#fbf8f3';

export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const locale = toLocale(event.url.searchParams.get('locale') ?? '') ?? getLocale();
	const manifest = {
		id: '/',
		name: m.site_name({}, { locale }),
		short_name: m.site_name({}, { locale }),
		description: m.site_tagline({}, { locale }),
		lang: locale,
		dir: textDirection(locale),
		start_url: '/',
		scope: '/',
		display: 'standalone',
		theme_color: THEME_COLOUR,
		background_color: BACKGROUND,
		icons: [
			{ src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
			{ src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
			{ src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' }
		]
	};
	return new Response(JSON.stringify(manifest), {
		headers: { 'content-type': 'application/manifest+json', 'cache-control': 'public, max-age=86400' }
	});
};
