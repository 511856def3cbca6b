// What a link to a public page says when it is pasted into WhatsApp, a building's group chat or a
// social network (Open Graph and Twitter card tags, rendered once by the root layout), and the ready
// text its share links send. Only what the page itself shows anyone: never who posted or who answered.
import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale, locales } from '$lib/paraglide/runtime';
import type { LinkPreview, ShareLinks } from '$lib/preview';
import { publicOrigin } from '../config.ts';
import { PNG_SIZE } from '../preview-image/index.ts';

// Open Graph names a locale language_TERRITORY; these are the territories most of each language's
// speakers here would expect (Facebook's own list for Arabic and Bengali).
const OG_LOCALES: Record<string, string> = {
	en: 'en_US',
	es: 'es_US',
	fr: 'fr_FR',
	ht: 'ht_HT',
	'zh-Hans': 'zh_CN',
	'zh-Hant': 'zh_TW',
	ar: 'ar_AR',
	ur: 'ur_PK',
	ru: 'ru_RU',
	pl: 'pl_PL',
	bn: 'bn_IN',
	ko: 'ko_KR'
};
const ogLocale = (locale: string) => OG_LOCALES[locale] ?? locale.replace('-', '_');

export interface PreviewInit {
	title: string;
	description: string;
	type?: LinkPreview['type'];
	/** The language the page is shown in, when it is not the viewer's (a Learn page in English). */
	locale?: string;
	/** The path of the page's preview image, when it has one. */
	image?: string;
}

/**
 * The page's preview. The address comes from ORIGIN, never the request's Host, and names the language
 * (`?lang=`), so the person a link is sent to sees the page in the language of the text that came with it.
 */
export function linkPreview(event: RequestEvent, init: PreviewInit): LinkPreview {
	const locale = init.locale ?? getLocale();
	const address = (path: string) => {
		// Set as the path, never resolved against the origin: `//elsewhere.example` stays on this site.
		const url = new URL(publicOrigin());
		url.pathname = path;
		url.searchParams.set('lang', locale);
		return url.toString();
	};
	return {
		title: init.title,
		description: init.description,
		url: address(event.url.pathname),
		type: init.type ?? 'website',
		locale: ogLocale(locale),
		alternateLocales: locales.filter((other) => other !== locale).map(ogLocale),
		siteName: m.site_name(),
		image: init.image ? { url: address(init.image), ...PNG_SIZE } : null
	};
}

/** Plain links that share the page without JavaScript: WhatsApp, a text message, and the address itself. */
export function shareLinks(preview: LinkPreview): ShareLinks {
	const text = encodeURIComponent(`${preview.title}\n${preview.description}\n${preview.url}`);
	return {
		url: preview.url,
		whatsapp: `https://wa.me/?text=${text}`,
		// `sms:?&body=` is the form both iOS and Android read a body from.
		sms: `sms:?&body=${text}`
	};
}
