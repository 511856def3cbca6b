// Checks the Learn content organizers edit: every page in every language, plain language, sourced.
import sanitizeHtml from 'sanitize-html';
import rs from 'text-readability';
import { describe, expect, it } from 'vitest';
import pages from 'virtual:learn-content';
import { GLOSSARY_CONCEPTS, LOCALES } from '$lib/i18n/locales';
import { locales } from '$lib/paraglide/runtime';
import { getLearnPage, LEARN_SLUGS, listLearnPages } from './index.ts';

const ALL_SLUGS = ['index', ...LEARN_SLUGS];
const MAX_GRADE = 9;

/** The words a reader reads: no markup, no URLs, and every heading, list item and cell a sentence. */
function readableText(html: string): string {
	const withStops = html.replace(/<\/(h[2-4]|li|td|th|p)>/g, '.</$1>');
	return sanitizeHtml(withStops, { allowedTags: [], allowedAttributes: {} })
		.replace(/&[a-z]+;|&#\d+;/g, ' ')
		.replace(/\.\s*\./g, '.')
		.replace(/\s+/g, ' ');
}

// Russian and Polish change a noun's ending with its case (взаимопомощи, pomocy wzajemnej), English
// adds -s: a glossary word matches with its last letter free in a language that declines its nouns.
const DECLINES = new Set(['ru', 'pl']);
function glossaryPattern(locale: string, term: string) {
	const words = term
		.toLowerCase()
		.split(/\s+/)
		.map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
	const stems = DECLINES.has(locale)
		? words.map((word) => (word.length > 4 ? word.slice(0, -1) : word))
		: words;
	return new RegExp(stems.map((stem) => `${stem}\\p{L}*`).join('\\s+'), 'u');
}

describe('Learn content', () => {
	it.each(locales)('has every page in %s', (locale) => {
		expect(Object.keys(pages[locale] ?? {}).sort()).toEqual([...ALL_SLUGS].sort());
	});

	it.each(ALL_SLUGS)('%s reads at or below a 9th-grade level in English', (slug) => {
		const page = pages.en![slug]!;
		const grade = rs.fleschKincaidGrade(readableText(page.html));
		expect(grade, `${slug} reads at grade ${grade}`).toBeLessThanOrEqual(MAX_GRADE);
	});

	it.each(ALL_SLUGS)('%s cites the same sources in every language, each at least once', (slug) => {
		const en = pages.en![slug]!;
		for (const locale of locales) {
			const translated = pages[locale]![slug]!;
			expect(
				translated.sources.map((s) => [s.id, s.url]),
				locale
			).toEqual(en.sources.map((s) => [s.id, s.url]));
			for (const source of en.sources) {
				expect(translated.html, `${slug} (${locale}) cites ${source.id}`).toContain(
					`href="#source-${source.id}"`
				);
			}
		}
	});

	it('compares mutual aid and charity on at least six dimensions', () => {
		for (const locale of locales) {
			const html = pages[locale]!['mutual-aid-vs-charity']!.html;
			const rows = html.split('<tbody>')[1]?.match(/<tr>/g) ?? [];
			expect(rows.length, locale).toBeGreaterThanOrEqual(6);
		}
	});

	it('gives the history its facts and sources', () => {
		const what = pages.en!['what-is-mutual-aid']!;
		const text = readableText(what.html);
		for (const fact of ['Kessler', '1880', 'Kropotkin', '1902']) expect(text).toContain(fact);
		expect(what.sources.map((s) => s.url).join(' ')).toMatch(/gutenberg\.org/);
		const reading = readableText(pages.en!['further-reading']!.html);
		for (const fact of [
			'Democracy Now',
			'Mariame Kaba',
			'Dean Spade',
			'Gwendolyn Brooks',
			"each other's harvest"
		]) {
			expect(reading).toContain(fact);
		}
		const examples = readableText(pages.en!.examples!.html);
		for (const fact of ['Black Panther', 'Free Breakfast', 'barn raising', 'Brooklyn', 'Queens']) {
			expect(examples).toContain(fact);
		}
	});

	// The same idea keeps the same word on every page of a language (i18n/<code>.json's glossary): every
	// idea the English section uses appears in each translation in its glossary word, and the two the
	// section is about, mutual aid and charity, on every page whose English has them.
	it.each(locales.filter((locale) => locale !== 'en'))('uses the %s glossary', (locale) => {
		const { glossary } = LOCALES[locale];
		const english = LOCALES.en.glossary;
		const text = (language: string, slug: string) => readableText(pages[language]![slug]!.html).toLowerCase();
		const uses = (language: string, slug: string, term: string) =>
			glossaryPattern(language, term).test(text(language, slug));
		const missing = GLOSSARY_CONCEPTS.flatMap((concept) => {
			const inEnglish = ALL_SLUGS.filter((slug) => uses('en', slug, english[concept]));
			const inTranslation = inEnglish.filter((slug) => uses(locale, slug, glossary[concept]));
			if (concept === 'mutual_aid' || concept === 'charity')
				return inEnglish
					.filter((slug) => !inTranslation.includes(slug))
					.map((slug) => `${slug} lacks “${glossary[concept]}” (${concept})`);
			return inEnglish.length && !inTranslation.length
				? [`no page uses “${glossary[concept]}” (${concept})`]
				: [];
		});
		expect(missing).toEqual([]);
	});

	it('falls back to English, page by page, for a language with no translation', () => {
		const page = getLearnPage('examples', 'zh');
		expect(page?.locale).toBe('en');
		expect(page?.title).toBe(pages.en!.examples!.title);
		expect(listLearnPages('es').every((p) => p.locale === 'es')).toBe(true);
		expect(getLearnPage('no-such-page', 'en')).toBeNull();
	});
});
