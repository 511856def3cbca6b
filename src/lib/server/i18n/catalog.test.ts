import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { checkCatalogs, defaultProject, formatReport, stampCatalog } from './catalog.ts';

function project(files: Record<string, Record<string, unknown>>) {
	const root = mkdtempSync(path.join(tmpdir(), 'catalog-'));
	mkdirSync(path.join(root, 'messages'));
	mkdirSync(path.join(root, 'i18n'));
	for (const [locale, messages] of Object.entries(files)) {
		writeFileSync(path.join(root, 'messages', `${locale}.json`), JSON.stringify(messages));
	}
	return defaultProject(root);
}

const write = (dir: string, locale: string, messages: Record<string, unknown>) =>
	writeFileSync(path.join(dir, `${locale}.json`), JSON.stringify(messages));

it('lists a message as outdated once its English changes after it was stamped, until stamped again', () => {
	const p = project({
		en: { $schema: 'x', greeting: 'Hello', bye: 'Bye', fresh: 'New' },
		fr: { greeting: 'Bonjour', bye: 'Au revoir', gone: 'Ancien' }
	});
	expect(checkCatalogs(p)).toEqual([
		{ locale: 'fr', missing: ['fresh'], extra: ['gone'], outdated: ['greeting', 'bye'] }
	]);

	stampCatalog(p, 'fr', ['greeting', 'bye']);
	expect(checkCatalogs(p)[0]!.outdated).toEqual([]);

	write(p.messagesDir, 'en', { greeting: 'Hello, neighbor', bye: 'Bye', fresh: 'New' });
	const [report] = checkCatalogs(p);
	expect(report!.outdated).toEqual(['greeting']);
	expect(formatReport([report!])).toBe(
		[
			'fr: 1 missing, 1 outdated, 1 extra',
			'  missing   fresh',
			'  outdated  greeting',
			'  extra     gone'
		].join('\n')
	);

	stampCatalog(p, 'fr', ['greeting']);
	expect(formatReport(checkCatalogs(p))).toBe(
		['fr: 1 missing, 0 outdated, 1 extra', '  missing   fresh', '  extra     gone'].join('\n')
	);
	expect(JSON.parse(readFileSync(p.stampsFile, 'utf8')).fr).not.toHaveProperty('gone');
});

it('refuses to stamp a key English or the locale does not have', () => {
	const p = project({ en: { a: 'A' }, fr: { b: 'B' } });
	expect(() => stampCatalog(p, 'fr', ['a'])).toThrow(/fr has no translation of a/);
	expect(() => stampCatalog(p, 'fr', ['b'])).toThrow(/b is not an English message/);
});
