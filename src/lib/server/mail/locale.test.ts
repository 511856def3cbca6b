// Mail goes out in the language its recipient chose, whichever of the twelve it is.
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { mailLocale } from './due.ts';

const MAIL_KEYS = Object.keys(m).filter((key) => key.startsWith('mail_')) as (keyof typeof m)[];
const ARGS = {
	count: 3,
	url: 'https://example.org/x',
	title: 'T',
	name: 'N',
	network: 'Net',
	days: 7,
	minutes: 15,
	posts: '- P',
	settings: 'https://example.org/s',
	reason: 'R',
	hours: 2
};
const render = (key: keyof typeof m, locale: (typeof locales)[number]) =>
	(m[key] as (inputs: object, options: { locale: string }) => string)(ARGS, { locale });

describe('mailLocale', () => {
	it('keeps every language the app speaks and falls back to English for any other', () => {
		for (const locale of locales) expect(mailLocale(locale)).toBe(locale);
		expect(mailLocale('zh-hant')).toBe('zh-Hant');
		expect([mailLocale('de'), mailLocale(null), mailLocale(undefined), mailLocale('')]).toEqual([
			'en',
			'en',
			'en',
			'en'
		]);
	});
});

it.each(locales.filter((locale) => locale !== 'en'))('every mail reads in %s, not in English', (locale) => {
	expect(MAIL_KEYS.length).toBeGreaterThan(10);
	const english = MAIL_KEYS.filter((key) => render(key, locale) === render(key, 'en'));
	expect(english).toEqual([]);
});
