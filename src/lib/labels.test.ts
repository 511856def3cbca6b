import { afterEach, expect, it } from 'vitest';
import { baseLocale, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import { ago, formatDate, formatNumber, spokenLanguageList } from './labels.ts';

let locale: Locale = 'en';
overwriteGetLocale(() => locale);
afterEach(() => (locale = baseLocale));

const DAY = 86_400_000;
const date = new Date('2026-03-05T12:00:00Z');

// Formatters are kept between calls; a page in one language must never get another language's.
it('formats dates in each reader language even after formatting in another', () => {
	const english = formatDate(date);
	locale = 'es';
	const spanish = formatDate(date);
	locale = 'en';
	expect(english).toBe('Mar 5, 2026');
	expect(spanish).toBe('5 mar 2026');
	expect(formatDate(date)).toBe(english);
	expect(formatDate(date, { dateStyle: 'long' })).toBe('March 5, 2026');
});

it('says how long ago in the reader language', () => {
	const now = new Date(date.getTime() + 3 * DAY);
	expect(ago(date, now)).toBe('3 days ago');
	locale = 'es';
	expect(ago(date, now)).toBe('hace 3 días');
	locale = 'en';
	expect(ago(date, new Date(date.getTime() + DAY))).toBe('yesterday');
});

it('formats Haitian Creole dates as French, where Intl has no Haitian Creole of its own', () => {
	locale = 'ht';
	expect(formatDate('2026-03-05T12:00:00Z', { dateStyle: 'long' })).toBe('5 mars 2026');
	expect(formatNumber(1234.5)).toBe('1\u202f234,5');
});

it('names spoken languages in the reader language, not in their own', () => {
	expect(spokenLanguageList(['bn', 'en'])).toMatch(/^(Bengali|Bangla) and English$/);
	locale = 'es';
	expect(spokenLanguageList(['bn', 'en'])).toBe('bengalí e inglés');
});
