// npm run i18n:check                 lists missing, outdated and extra messages per locale
// npm run i18n:stamp -- <locale> [key …]   records that these translations match today's English
import { parseArgs } from 'node:util';
import { projectPath } from '../src/lib/server/config.ts';
import {
	checkCatalogs,
	defaultProject,
	formatReport,
	stampCatalog,
	translatedLocales
} from '../src/lib/server/i18n/catalog.ts';

const { values, positionals } = parseArgs({
	options: { strict: { type: 'boolean', default: false } },
	allowPositionals: true
});
const [command, locale, ...keys] = positionals;
const project = defaultProject(projectPath());

if (command === 'check') {
	const reports = checkCatalogs(project);
	console.log(formatReport(reports));
	// Missing and extra keys break the build's tests too; outdated ones fail only with --strict, since a
	// change to English is merged before its translators catch up.
	const broken = reports.some(
		(r) => r.missing.length || r.extra.length || (values.strict && r.outdated.length)
	);
	process.exit(broken ? 1 : 0);
} else if (command === 'stamp' && locale) {
	const locales = locale === 'all' ? translatedLocales(project) : [locale];
	for (const each of locales) stampCatalog(project, each, keys.length ? keys : undefined);
	console.log(`Stamped ${locales.join(', ')}${keys.length ? `: ${keys.join(', ')}` : ''}`);
} else {
	console.error('Usage: npm run i18n:check [-- --strict]\n       npm run i18n:stamp -- <locale|all> [key …]');
	process.exit(1);
}
