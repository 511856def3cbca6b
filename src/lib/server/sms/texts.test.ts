// Every text the app sends, in every language (the draft catalogs too), fits in two segments with
// realistic links, names and titles in it: texts cost per segment, and a non-Latin language (UCS-2)
// fits 70 characters per segment, not 160. Read from the catalogs, since only enabled languages are
// compiled.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TEXT_TITLE_CHARS, textTitle } from '../mail/notify.ts';
import { countSegments } from './segments.ts';

/** The sign-in link is the longest; every other text links to a post or a claim. */
const SIGN_IN_LINK = 'https://eachother.example/signin/phone/code?t=Qm9va2x5biBhbmQgUXVlZW5zIGhlbHA';
const PAGE_LINK = 'https://eachother.example/claims/12345';
const SAMPLE: Record<string, string> = {
	code: '123456',
	minutes: '10',
	days: '7',
	name: 'Marisol Gutierrez',
	title: textTitle('Groceries for my mother this week, please'),
	// A distribution day's texts (distributions/): a household's first name, the day as formatDay writes
	// it, a time, a street corner, and the reply link with its 16-character token.
	first_name: 'Marisol',
	network: textTitle('Kensington, Brooklyn, Group for Mutual Aid (Coronavirus)'),
	date: 'Sat, Dec 5',
	time: '10:30 AM',
	place: 'Knickerbocker Ave & Suydam St',
	link: 'https://eachother.example/i/AbCdEfGhIjKlMnOp'
};

const catalogs = readdirSync('messages')
	.filter((file) => file.endsWith('.json'))
	.map(
		(file) => [file, JSON.parse(readFileSync(`messages/${file}`, 'utf8')) as Record<string, string>] as const
	);

const fill = (key: string, template: string) =>
	template.replace(/\{(\w+)\}/g, (_, name: string) => {
		if (name === 'url') return key === 'sms_sign_in_code' ? SIGN_IN_LINK : PAGE_LINK;
		const value = SAMPLE[name];
		if (value === undefined) throw new Error(`no sample for {${name}}`);
		return value;
	});

describe('texts stay short', () => {
	it('reads every catalog and finds the texts', () => {
		expect(catalogs).toHaveLength(12);
		expect(Object.keys(catalogs[0]![1]).filter((key) => key.startsWith('sms_')).length).toBeGreaterThan(10);
	});

	describe.each(catalogs)('in %s', (_file, messages) => {
		const texts = Object.entries(messages).filter(([key]) => key.startsWith('sms_'));
		it.each(texts)('%s is at most two segments', (key, template) => {
			expect(countSegments(fill(key, template)).segments).toBeLessThanOrEqual(2);
		});
	});

	it('cuts long titles with dots GSM-7 has, so an English text stays GSM-7', () => {
		const cut = textTitle('A very long title about groceries and rides this week');
		expect(cut).toHaveLength(TEXT_TITLE_CHARS);
		expect(cut.endsWith('...')).toBe(true);
		expect(countSegments(`Each Other: is "${cut}" still needed?`).encoding).toBe('GSM-7');
		expect(textTitle('Short title')).toBe('Short title');
	});
});
