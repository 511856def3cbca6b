// The state of each translation against English, for contributors (npm run i18n:check). A message is
// outdated when its English source changed after it was translated: i18n/stamps.json keeps, per locale
// and key, a hash of the English it was translated from, which `npm run i18n:stamp` records.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

type Catalog = Record<string, unknown>;
export type Stamps = Record<string, Record<string, string>>;

const BASE = 'en';

/** A short fingerprint of an English message, text and plural variants alike. */
export const sourceHash = (message: unknown) =>
	createHash('sha256').update(JSON.stringify(message)).digest('hex').slice(0, 12);

export interface Project {
	messagesDir: string;
	stampsFile: string;
}

export const defaultProject = (root = '.'): Project => ({
	messagesDir: path.resolve(root, 'messages'),
	stampsFile: path.resolve(root, 'i18n/stamps.json')
});

function readCatalog(project: Project, locale: string): Catalog {
	const { $schema: _schema, ...messages } = JSON.parse(
		readFileSync(path.join(project.messagesDir, `${locale}.json`), 'utf8')
	) as Catalog;
	return messages;
}

const readStamps = (project: Project): Stamps => {
	try {
		return JSON.parse(readFileSync(project.stampsFile, 'utf8')) as Stamps;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
		throw error;
	}
};

export const translatedLocales = (project: Project) =>
	readdirSync(project.messagesDir)
		.filter((file) => file.endsWith('.json'))
		.map((file) => file.slice(0, -'.json'.length))
		.filter((locale) => locale !== BASE)
		.sort();

export interface LocaleReport {
	locale: string;
	/** In English, not in this locale. */
	missing: string[];
	/** In this locale, no longer in English. */
	extra: string[];
	/** Translated from an English text that has changed since (or never stamped). */
	outdated: string[];
}

export function checkCatalogs(project = defaultProject()): LocaleReport[] {
	const english = readCatalog(project, BASE);
	const stamps = readStamps(project);
	return translatedLocales(project).map((locale) => {
		const messages = readCatalog(project, locale);
		const stamped = stamps[locale] ?? {};
		return {
			locale,
			missing: Object.keys(english).filter((key) => !(key in messages)),
			extra: Object.keys(messages).filter((key) => !(key in english)),
			outdated: Object.keys(english).filter(
				(key) => key in messages && stamped[key] !== sourceHash(english[key])
			)
		};
	});
}

/**
 * Records that a locale's messages now translate the current English: every key it has, or only the
 * keys given. Run it after translating or correcting a message, never to silence the check.
 */
export function stampCatalog(project: Project, locale: string, keys?: string[]) {
	const english = readCatalog(project, BASE);
	const messages = readCatalog(project, locale);
	const stamps = readStamps(project);
	const stamped = { ...stamps[locale] };
	for (const key of keys ?? Object.keys(messages)) {
		if (!(key in english)) throw new Error(`${key} is not an English message`);
		if (!(key in messages)) throw new Error(`${locale} has no translation of ${key} to stamp`);
		stamped[key] = sourceHash(english[key]);
	}
	// Sorted, and only keys English still has, so the file diffs cleanly.
	stamps[locale] = Object.fromEntries(
		Object.keys(english)
			.filter((key) => key in stamped)
			.map((key) => [key, stamped[key]!])
	);
	const sorted = Object.fromEntries(
		Object.keys(stamps)
			.sort()
			.map((l) => [l, stamps[l]])
	);
	writeFileSync(project.stampsFile, `${JSON.stringify(sorted, null, '\t')}\n`);
}

/** The report as contributors read it: one block per locale with anything to do. */
export function formatReport(reports: LocaleReport[]): string {
	const lines: string[] = [];
	for (const { locale, missing, extra, outdated } of reports) {
		if (!missing.length && !extra.length && !outdated.length) {
			lines.push(`${locale}: up to date`);
			continue;
		}
		lines.push(`${locale}: ${missing.length} missing, ${outdated.length} outdated, ${extra.length} extra`);
		for (const key of missing) lines.push(`  missing   ${key}`);
		for (const key of outdated) lines.push(`  outdated  ${key}`);
		for (const key of extra) lines.push(`  extra     ${key}`);
	}
	return lines.join('\n');
}
