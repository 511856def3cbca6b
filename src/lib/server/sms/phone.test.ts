import { describe, expect, it } from 'vitest';
import { hashPhone, maskPhone, parsePhone } from './phone.ts';
import { countSegments } from './segments.ts';

describe('parsing phone numbers', () => {
	const US = ['US'];
	const NANP = ['US', 'CA'];
	it.each([
		// The fictional 555-0100…0199 range works, so demos and tests can sign in.
		['(718) 555-0100', US, { ok: true, number: '+17185550100' }],
		['347.555.0199', US, { ok: true, number: '+13475550199' }],
		['+1 212 555 0150', US, { ok: true, number: '+12125550150' }],
		['1-718-555-0142', US, { ok: true, number: '+17185550142' }],
		['  718 555 0142  ', US, { ok: true, number: '+17185550142' }],
		['+1 416 555 0123', NANP, { ok: true, number: '+14165550123' }],
		// Toronto when only the US is allowed.
		['+1 416 555 0123', US, { ok: false, reason: 'country' }],
		['+52 55 1234 5678', NANP, { ok: false, reason: 'country' }],
		// Premium-rate and toll-free numbers are what SMS pumping texts to; a landline cannot read a code.
		['1-900-555-0123', US, { ok: false, reason: 'not-mobile' }],
		['800-555-0100', US, { ok: false, reason: 'not-mobile' }],
		['+44 20 7946 0000', ['US', 'GB'], { ok: false, reason: 'not-mobile' }],
		['12345', US, { ok: false, reason: 'invalid' }],
		['718-555-01000', US, { ok: false, reason: 'invalid' }],
		['call me', US, { ok: false, reason: 'invalid' }],
		['', US, { ok: false, reason: 'invalid' }]
	])('%s with %j', (input, countries, expected) => {
		expect(parsePhone(input, countries)).toEqual(expected);
	});

	it('masks all but the last four digits and hashes without the number', () => {
		expect(maskPhone('+17185550142')).toBe('•••0142');
		expect(hashPhone('+17185550142')).toMatch(/^[0-9a-f]{64}$/);
		expect(hashPhone('+17185550142')).not.toContain('7185550142');
	});
});

describe('counting segments', () => {
	it.each([
		['en', 'Still needed? Reply 1 to keep it up, 2 to close it.', 'GSM-7', 1],
		// GSM-7 has ¿, ñ and é but not í, á, ó or ú: one of those makes a Spanish text UCS-2.
		['es', '¿Todavía lo necesitas? Responde 1 para mantenerlo, 2 para cerrarlo.', 'UCS-2', 1],
		['es, no í', '¿Sigue haciendo falta? Responde 1 para mantenerlo, 2 para cerrarlo.', 'GSM-7', 1],
		['fr', 'Toujours besoin ? Répondez 1 pour le garder, 2 pour le fermer.', 'GSM-7', 1],
		['ht', 'Ou toujou bezwen l? Reponn 1 pou kenbe l, 2 pou fèmen l.', 'GSM-7', 1],
		['pl', 'Nadal potrzebne? Odpowiedz 1, aby zostawić, 2, aby zamknąć.', 'UCS-2', 1],
		['zh-Hans', '还需要吗？回复1保留，回复2关闭。', 'UCS-2', 1],
		['zh-Hant', '還需要嗎？回覆1保留，回覆2關閉。', 'UCS-2', 1],
		['ar', 'هل ما زلت بحاجة؟ رد 1 للإبقاء، 2 للإغلاق.', 'UCS-2', 1],
		['ur', 'کیا اب بھی ضرورت ہے؟ رکھنے کے لیے 1، بند کرنے کے لیے 2 بھیجیں۔', 'UCS-2', 1],
		['ru', 'Ещё нужно? Ответьте 1, чтобы оставить, 2 — чтобы закрыть.', 'UCS-2', 1],
		['bn', 'এখনও দরকার? রাখতে 1, বন্ধ করতে 2 লিখুন।', 'UCS-2', 1],
		['ko', '아직 필요하신가요? 유지하려면 1, 닫으려면 2를 보내세요.', 'UCS-2', 1],
		// Past one segment, each part carries a header: 153 GSM-7 characters, 67 UCS-2.
		['en, long', 'a'.repeat(161), 'GSM-7', 2],
		['en, at the edge', 'a'.repeat(160), 'GSM-7', 1],
		['ru, long', 'я'.repeat(71), 'UCS-2', 2],
		['ru, at the edge', 'я'.repeat(70), 'UCS-2', 1],
		// GSM-7's extension table: € and { take two septets each.
		['euro', '€'.repeat(80), 'GSM-7', 1],
		['euro, over', '€'.repeat(81), 'GSM-7', 2]
	])('%s', (_language, text, encoding, segments) => {
		expect(countSegments(text)).toEqual({ encoding, segments });
	});
});
