// Every translation says what English says: the same messages, the same placeholders, and a count in a
// sentence chosen by the language's own plural rules ("1 open report", not "1 open reports"; Arabic has
// six forms, Russian and Polish four, Chinese and Korean one). A failure names the locale and the key.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { locales as enabled } from '$lib/paraglide/runtime';

interface Variants {
	declarations?: string[];
	selectors?: string[];
	match?: Record<string, string>;
}
type Message = string | Variants[];

const DIR = new URL('../../messages/', import.meta.url);
const read = (locale: string): Record<string, Message> => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(new URL(`${locale}.json`, DIR), 'utf8'));
	return messages;
};
const english = read('en');

const texts = (message: Message) =>
	typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match ?? {}));

/** `{name}` placeholders across every variant of a message. */
const placeholders = (message: Message) =>
	[
		...new Set(texts(message).flatMap((text) => [...text.matchAll(/\{(\w+)\}/g)].map((found) => found[1])))
	].sort();

/**
 * The plural categories a locale's count messages must spell out, as Paraglide chooses among them
 * (Intl.PluralRules for the locale); `other` is written `*`, the catch-all.
 */
const pluralCategories = (locale: string): string[] =>
	new Intl.PluralRules(locale).resolvedOptions().pluralCategories.map((c) => (c === 'other' ? '*' : c));

/** Why a message that shows `{count}` or varies with it is not chosen by the locale's plural rules, or null. */
function pluralProblem(message: Message, locale: string): string | null {
	if (typeof message === 'string')
		return message.includes('{count}') ? 'shows {count} without plural variants' : null;
	for (const variants of message) {
		const local = variants.declarations
			?.map((d) => d.match(/^local (\w+) = count: plural\b/)?.[1])
			.find(Boolean);
		if (!local) return 'has no `local … = count: plural` declaration';
		if (!variants.selectors?.includes(local)) return `does not select on ${local}`;
		const used = Object.keys(variants.match ?? {}).map((key) => key.replace(`${local}=`, ''));
		const wanted = pluralCategories(locale);
		const missing = wanted.filter((category) => !used.includes(category));
		const unused = used.filter((category) => !wanted.includes(category));
		if (missing.length) return `lacks the plural forms ${missing.map((c) => `${local}=${c}`).join(', ')}`;
		if (unused.length) return `has plural forms the language never uses: ${unused.join(', ')}`;
	}
	return null;
}

/**
 * Messages a translation may leave word for word as in English, because the words are the same in that
 * language (or a name); anything else identical to English is an untranslated string.
 */
const SAME_AS_ENGLISH: Record<string, string[]> = {
	// A4 is the paper's name everywhere.
	'*': ['site_name', 'networks_borough_heading', 'flyer_size_a4'],
	es: ['error_code', 'window_FLEXIBLE', 'report_reason_SPAM'],
	fr: ['series_dates_heading'],
	pl: ['role_MODERATOR', 'report_reason_SPAM', 'nta_type_RIKERS_ISLAND', 'nta_type_PARK']
};
const mayMatchEnglish = (locale: string, key: string) =>
	locale === 'en' || [...SAME_AS_ENGLISH['*']!, ...(SAME_AS_ENGLISH[locale] ?? [])].includes(key);

/** Every way a locale's messages differ from English's, one line per key. */
function problems(locale: string, messages = read(locale)): string[] {
	const found: string[] = [];
	for (const key of Object.keys(english)) {
		if (!(key in messages)) found.push(`${locale} ${key}: missing`);
	}
	for (const [key, message] of Object.entries(messages)) {
		const source = english[key];
		if (source === undefined) {
			found.push(`${locale} ${key}: not in English`);
			continue;
		}
		if (JSON.stringify(message) === JSON.stringify(source) && !mayMatchEnglish(locale, key))
			found.push(`${locale} ${key}: still in English`);
		const [want, got] = [placeholders(source), placeholders(message)];
		// A text message may leave a detail out where the language's letters cost more per segment
		// (sms/segments.ts): never add one, and never drop one elsewhere.
		const shortened = key.startsWith('sms_') && got.every((name) => want.includes(name));
		if (want.join() !== got.join() && !shortened)
			found.push(
				`${locale} ${key}: placeholders {${got.join('}, {')}} where English has {${want.join('}, {')}}`
			);
		const plural = pluralProblem(message, locale);
		if (plural) found.push(`${locale} ${key}: ${plural}`);
	}
	return found;
}

const count = (match: Record<string, string>): Variants[] => [
	{ declarations: ['input count', 'local countPlural = count: plural'], selectors: ['countPlural'], match }
];

describe('the checks themselves', () => {
	it('refuses a count in a plain string and accepts plural variants', () => {
		expect(pluralProblem('{count} open reports', 'en')).toMatch(/without plural/);
		expect(pluralProblem('No count here', 'en')).toBeNull();
		expect(
			pluralProblem(count({ 'countPlural=one': '{count} report', 'countPlural=*': '{count} reports' }), 'en')
		).toBeNull();
		expect(
			pluralProblem(
				[{ declarations: ['input count'], selectors: [], match: { '*': '{count} reports' } }],
				'en'
			)
		).toMatch(/declaration/);
	});

	it('holds each language to its own plural forms, the catch-all standing for "other"', () => {
		expect(pluralProblem(count({ 'countPlural=*': '동네 {count}곳' }), 'ko')).toBeNull();
		expect(
			pluralProblem(count({ 'countPlural=one': '{count} район', 'countPlural=*': '{count} районов' }), 'ru')
		).toBe('lacks the plural forms countPlural=few, countPlural=many');
		expect(
			pluralProblem(count({ 'countPlural=one': '{count} 곳', 'countPlural=*': '동네 {count}곳' }), 'ko')
		).toMatch(/never uses: one/);
		expect(pluralCategories('ar').sort()).toEqual(['*', 'few', 'many', 'one', 'two', 'zero']);
	});

	it('names the locale and the key of a message that drifted from English', () => {
		const drifted: Record<string, Message> = {
			...read('fr'),
			extra_key: 'x',
			site_name: '{name}',
			nav_learn: english.nav_learn!,
			// A text may leave the name out to stay within two segments, but not make one up.
			sms_claim_offered: '{title} {url}',
			sms_claim_accepted: '{title} {url} {when}'
		};
		delete drifted.nav_board;
		expect(problems('fr', drifted)).toEqual([
			'fr nav_board: missing',
			'fr site_name: placeholders {name} where English has {}',
			'fr nav_learn: still in English',
			'fr sms_claim_accepted: placeholders {title}, {url}, {when} where English has {name}, {title}, {url}',
			'fr extra_key: not in English'
		]);
	});
});

// Every file, enabled or still a draft: a translation that drifts from English loses strings silently.
const files = readdirSync(DIR)
	.filter((file) => file.endsWith('.json'))
	.map((file) => file.slice(0, -'.json'.length));

it('enables every translation there is', () => {
	expect([...enabled].sort()).toEqual([...files].sort());
});

describe.each(files)('%s', (locale) => {
	it('has exactly English’s messages, placeholders and its own plural forms', () => {
		expect(problems(locale)).toEqual([]);
	});
});
