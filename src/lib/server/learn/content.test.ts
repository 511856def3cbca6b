// Checks the Learn content organizers edit: every page in English and Spanish, plain language, sourced.
import sanitizeHtml from 'sanitize-html';
import rs from 'text-readability';
import { describe, expect, it } from 'vitest';
import pages from 'virtual:learn-content';
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

describe('Learn content', () => {
	it.each(['en', 'es'])('has every page in %s', (locale) => {
		expect(Object.keys(pages[locale] ?? {}).sort()).toEqual([...ALL_SLUGS].sort());
	});

	it.each(ALL_SLUGS)('%s reads at or below a 9th-grade level in English', (slug) => {
		const page = pages.en![slug]!;
		const grade = rs.fleschKincaidGrade(readableText(page.html));
		expect(grade, `${slug} reads at grade ${grade}`).toBeLessThanOrEqual(MAX_GRADE);
	});

	it.each(ALL_SLUGS)('%s cites the same sources in both languages, each at least once', (slug) => {
		const en = pages.en![slug]!;
		const es = pages.es![slug]!;
		expect(es.sources.map((s) => [s.id, s.url])).toEqual(en.sources.map((s) => [s.id, s.url]));
		for (const source of en.sources) {
			expect(en.html, `${slug} (en) cites ${source.id}`).toContain(`href="#source-${source.id}"`);
			expect(es.html, `${slug} (es) cites ${source.id}`).toContain(`href="#source-${source.id}"`);
		}
	});

	it('compares mutual aid and charity on at least six dimensions', () => {
		for (const locale of ['en', 'es']) {
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

	it('falls back to English, page by page, for a language with no translation', () => {
		const page = getLearnPage('examples', 'zh');
		expect(page?.locale).toBe('en');
		expect(page?.title).toBe(pages.en!.examples!.title);
		expect(listLearnPages('es').every((p) => p.locale === 'es')).toBe(true);
		expect(getLearnPage('no-such-page', 'en')).toBeNull();
	});
});
