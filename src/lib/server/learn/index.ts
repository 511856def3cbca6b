// The Learn section: pages in the reader's language, falling back to English page by page.
import pages from 'virtual:learn-content';
import type { RequestEvent } from '@sveltejs/kit';
import { linkPreview } from '../http/preview.ts';
import type { LearnPage } from './render.ts';

const FALLBACK_LOCALE = 'en';

/** The reading order of the section, after its index page. */
export const LEARN_SLUGS = [
	'what-is-mutual-aid',
	'mutual-aid-vs-charity',
	'examples',
	'how-this-board-works',
	'get-involved',
	'further-reading'
] as const;

export interface LocalizedLearnPage extends LearnPage {
	slug: string;
	/** The language the page is actually written in (English when no translation exists yet). */
	locale: string;
}

export function getLearnPage(slug: string, locale: string): LocalizedLearnPage | null {
	const translated = pages[locale]?.[slug];
	if (translated) return { ...translated, slug, locale };
	const fallback = pages[FALLBACK_LOCALE]?.[slug];
	return fallback ? { ...fallback, slug, locale: FALLBACK_LOCALE } : null;
}

export function listLearnPages(locale: string) {
	return LEARN_SLUGS.map((slug) => {
		const page = getLearnPage(slug, locale);
		if (!page) throw new Error(`Learn page ${slug} has no English version`);
		return { slug, title: page.title, description: page.description, locale: page.locale };
	});
}

/** A Learn page's link preview, in the language the page is written in (English when it falls back). */
export const learnPreview = (event: RequestEvent, page: LocalizedLearnPage) =>
	linkPreview(event, {
		title: page.title,
		description: page.description,
		type: 'article',
		locale: page.locale
	});
