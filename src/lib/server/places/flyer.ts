// The paper way in: a one-page flyer for a neighborhood or a network, to tape to a lobby door, in one
// language or two side by side. Everything on it is what the place's public page already shows.
import QRCode from 'qrcode';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { getLocale, locales, toLocale, type Locale } from '$lib/paraglide/runtime';
import { LOCALES } from '$lib/i18n/locales';
import { publicOrigin } from '../config.ts';
import { getNeighborhood, getNetwork } from './index.ts';

export const PAPER_SIZES = ['letter', 'a4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** Enough strips to tear across the bottom of either paper size. */
const TABS = 8;

/** `?size=` and `?second=`; anything unknown falls back to one language on US Letter. */
const optionsSchema = z.object({
	size: z.enum(PAPER_SIZES).catch('letter'),
	second: z
		.string()
		.nullable()
		.transform((code) => toLocale(code ?? '') ?? null)
		.catch(null)
});

interface Place {
	name: string;
	/** The public page the QR code and the tabs lead to. */
	path: string;
	hotline: string | null;
}

async function flyer(place: Place, query: URLSearchParams) {
	const options = optionsSchema.parse({ size: query.get('size'), second: query.get('second') });
	const first = getLocale();
	const shown = options.second && options.second !== first ? [first, options.second] : [first];
	const origin = new URL(publicOrigin());
	const columns = await Promise.all(shown.map((locale) => column(place, origin, locale)));
	return {
		name: place.name,
		size: options.size,
		second: shown[1] ?? null,
		columns,
		// No scheme and no language, so it is short enough to type from a strip of paper; the site then
		// reads in the phone's own language.
		shortLink: `${origin.host}${place.path}`,
		tabs: Array.from({ length: TABS }, (_, i) => {
			const locale = shown[i % shown.length]!;
			return { locale, dir: LOCALES[locale].dir, label: m.site_name({}, { locale }) };
		}),
		languages: locales.map((locale) => ({ locale, name: LOCALES[locale].name }))
	};
}

async function column(place: Place, origin: URL, locale: Locale) {
	// Set as the path, never resolved against the origin (as link previews build og:url).
	const url = new URL(origin);
	url.pathname = place.path;
	url.searchParams.set('lang', locale);
	const address = url.toString();
	return {
		locale,
		dir: LOCALES[locale].dir,
		siteName: m.site_name({}, { locale }),
		heading: m.flyer_heading({ place: place.name }, { locale }),
		things: m.flyer_things({}, { locale }),
		ask: m.flyer_ask({}, { locale }),
		offer: m.flyer_offer({}, { locale }),
		learn: m.flyer_learn({}, { locale }),
		scan: m.flyer_scan({}, { locale }),
		qrLabel: m.flyer_qr_label({ url: address }, { locale }),
		hotline: place.hotline ? m.flyer_hotline({ phone: place.hotline }, { locale }) : null,
		url: address,
		// Markup from the qrcode library alone, from an address built here: the only HTML the page
		// inserts unescaped.
		qrSvg: await QRCode.toString(address, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 })
	};
}

export type Flyer = Awaited<ReturnType<typeof flyer>>;

/** A neighborhood's flyer, with the first of its own networks' hotlines; null when there is none such. */
export async function neighborhoodFlyer(slug: string, query: URLSearchParams) {
	const neighborhood = await getNeighborhood(slug);
	if (!neighborhood) return null;
	const networks = await Promise.all(neighborhood.networks.map((network) => getNetwork(network.slug)));
	const hotline = networks.find((network) => network?.hotline)?.hotline ?? null;
	return flyer({ name: neighborhood.name, path: `/neighborhoods/${neighborhood.slug}`, hotline }, query);
}

/** A network's flyer; null when there is no such network. */
export async function networkFlyer(slug: string, query: URLSearchParams) {
	const network = await getNetwork(slug);
	if (!network) return null;
	return flyer({ name: network.name, path: `/networks/${network.slug}`, hotline: network.hotline }, query);
}
