// A count in a sentence needs the language's plural rules ("1 open report", not "1 open reports"), and
// languages differ in how many forms they have, so every message that shows a count must choose its
// wording with Intl.PluralRules through a `plural` selector, in every language.
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
// The languages the app is built with (project.inlang/settings.json); a file for one not yet enabled is
// a translation in progress, held to this once it is enabled.
const locales = enabled.map((locale) => `${locale}.json`);
const read = (file: string): Record<string, Message> => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(new URL(file, DIR), 'utf8'));
	return messages;
};

const texts = (message: Message) =>
	typeof message === 'string' ? [message] : message.flatMap((v) => Object.values(v.match ?? {}));

/** Why a message that shows `{count}` is not chosen by plural rules, or null when it is. */
function pluralProblem(message: Message): string | null {
	if (!texts(message).some((text) => text.includes('{count}'))) return null;
	if (typeof message === 'string') return 'shows {count} without plural variants';
	for (const variants of message) {
		const local = variants.declarations
			?.map((d) => d.match(/^local (\w+) = count: plural\b/)?.[1])
			.find(Boolean);
		if (!local) return 'has no `local … = count: plural` declaration';
		if (!variants.selectors?.includes(local)) return `does not select on ${local}`;
		const keys = Object.keys(variants.match ?? {});
		if (!keys.includes(`${local}=one`) || !keys.includes(`${local}=*`))
			return `needs both ${local}=one and ${local}=* variants`;
	}
	return null;
}

describe('pluralProblem', () => {
	it('refuses a count in a plain string and accepts plural variants', () => {
		expect(pluralProblem('{count} open reports')).toMatch(/without plural/);
		expect(pluralProblem('No count here')).toBeNull();
		expect(
			pluralProblem([
				{
					declarations: ['input count', 'local n = count: plural'],
					selectors: ['n'],
					match: { 'n=one': '{count} report', 'n=*': '{count} reports' }
				}
			])
		).toBeNull();
		expect(
			pluralProblem([{ declarations: ['input count'], selectors: [], match: { '*': '{count} reports' } }])
		).toMatch(/declaration/);
	});
});

describe.each(locales)('%s', (file) => {
	it('chooses every count through plural rules', () => {
		const problems = Object.entries(read(file)).flatMap(([key, message]) => {
			const problem = pluralProblem(message);
			return problem ? [`${key} ${problem}`] : [];
		});
		expect(problems).toEqual([]);
	});
});

// Every file, enabled or still a draft: a translation that drifts from English loses strings silently.
it.each(readdirSync(DIR).filter((file) => file.endsWith('.json')))(
	'%s has exactly English’s messages',
	(file) => {
		const english = Object.keys(read('en.json'));
		const keys = Object.keys(read(file));
		expect({
			missing: english.filter((key) => !keys.includes(key)),
			extra: keys.filter((key) => !english.includes(key))
		}).toEqual({ missing: [], extra: [] });
	}
);
