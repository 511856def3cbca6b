// Every text the app sends, in every language, fits in two segments with realistic links and names in
// it: texts cost per segment, and a non-Latin language (UCS-2) fits 70 characters per segment, not 160.
import { describe, expect, it } from 'vitest';
import { m } from '$lib/paraglide/messages';
import { locales } from '$lib/paraglide/runtime';
import { countSegments } from './segments.ts';

const LINK = 'https://eachother.example/signin/phone/code?t=Qm9va2x5biBhbmQgUXVlZW5zIGhlbHA';
/** Sample inputs as long as real ones get: a post title is cut to 40 characters before it is texted. */
const SAMPLE: Record<string, string | number> = {
	code: '123456',
	minutes: 10,
	url: LINK,
	title: 'Groceries for my mother this week, pleas'
};

const textKeys = Object.keys(m).filter((key) => key.startsWith('sms_')) as (keyof typeof m)[];

describe('texts stay short', () => {
	it('finds the texts', () => {
		expect(textKeys.length).toBeGreaterThanOrEqual(2);
	});

	describe.each(locales)('in %s', (locale) => {
		it.each(textKeys)('%s is at most two segments', (key) => {
			const text = (m[key] as (inputs: object, options: object) => string)(SAMPLE, { locale });
			expect(text).not.toMatch(/\{\w+\}/);
			expect(countSegments(text).segments).toBeLessThanOrEqual(2);
		});
	});
});
