import { describe, expect, it } from 'vitest';
import { drawable, previewPng, wrap, type PreviewCard } from './index.ts';

describe('wrap', () => {
	it('breaks between words', () => {
		expect(wrap('Groceries for my mother this week', 16, 3)).toEqual([
			'Groceries for my',
			'mother this week'
		]);
	});

	it('breaks inside a word only when it is longer than a line, as in scripts without spaces', () => {
		expect(wrap('一二三四五六七八九十', 4, 3)).toEqual(['一二三四', '五六七八', '九十']);
	});

	it('ends what does not fit with an ellipsis', () => {
		expect(wrap('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
	});
});

describe('drawable', () => {
	it('keeps the scripts the bundled fonts draw, without emoji or control characters', () => {
		expect(drawable('🍎 Manzanas\u0007 para   todos')).toBe('Manzanas para todos');
		expect(drawable('Продукты и مساعدة')).toBe('Продукты и مساعدة');
	});

	it('leaves out text in a script they lack, rather than draw empty boxes', () => {
		expect(drawable('Groceries 食品杂货')).toBe('');
		expect(drawable('ব্রুকলিন')).toBe('');
	});
});

const card = (title: string): PreviewCard => ({
	label: 'Need',
	tone: 'need',
	title,
	lines: ['Kensington, Brooklyn', 'Kensington Group for Mutual Aid'],
	siteName: 'Each Other'
});

/** Width and height from the PNG's IHDR chunk. */
const sizeOf = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) });

describe('previewPng', () => {
	it('draws a card as a PNG of 600 × 315 and a few KB', async () => {
		const png = await previewPng(card('Groceries for my mother this week'));
		expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
		expect(sizeOf(png)).toEqual({ width: 600, height: 315 });
		expect(png.length).toBeLessThan(40_000);
	});

	it('draws text that would be markup as text', async () => {
		const png = await previewPng(card('Pots & pans <for> "the" kitchen\u0007'));
		expect(sizeOf(png)).toEqual({ width: 600, height: 315 });
	});

	it('draws each card once, then serves it from memory', async () => {
		const title = `Cached ${Date.now()}`;
		expect(await previewPng(card(title))).toBe(await previewPng(card(title)));
	});

	it('draws different titles differently', async () => {
		expect(await previewPng(card('A crib'))).not.toEqual(await previewPng(card('A stroller')));
	});
});
