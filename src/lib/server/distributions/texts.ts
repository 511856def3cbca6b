// What a distribution day's texts say, in the household's language: dates and times as New York
// reads them, written the household's way.
import { intlLocales, negotiateLocale } from '$lib/i18n/locales';
import { baseLocale, type Locale } from '$lib/paraglide/runtime';

const primary = (code: string) => code.split('-')[0]!.toLowerCase();

/** Whether a locale or spoken language is among the day's (SPOKEN_LANGUAGES codes, zh for both scripts). */
export const served = (code: string, languages: readonly string[]) => languages.includes(primary(code));

/** The language to text a household in: its first language the day serves, else its first one. */
export function invitationLocale(
	householdLanguages: readonly string[],
	languages: readonly string[]
): Locale {
	const first = householdLanguages.find((code) => served(code, languages)) ?? householdLanguages[0];
	return negotiateLocale(first ?? null) ?? baseLocale;
}

/** Whether a household speaks one of the languages the day's volunteers speak. */
export const speaksServed = (householdLanguages: readonly string[], languages: readonly string[]) =>
	householdLanguages.some((code) => served(code, languages));

export const formatDay = (date: string, locale: Locale) =>
	new Intl.DateTimeFormat(intlLocales(locale), {
		weekday: 'short',
		month: 'short',
		day: 'numeric',
		timeZone: 'UTC'
	}).format(new Date(`${date}T12:00:00Z`));

export const formatTime = (at: Date, locale: Locale) =>
	new Intl.DateTimeFormat(intlLocales(locale), {
		hour: 'numeric',
		minute: '2-digit',
		timeZone: 'America/New_York'
	}).format(at);

export const FIELDS = ['first_name', 'date', 'link', 'code'] as const;
export type Fields = Record<(typeof FIELDS)[number], string>;

/** The template with its fields filled; an unknown {word} stays as typed. */
export const fillTemplate = (template: string, fields: Fields) =>
	template.replace(/\{(\w+)\}/g, (whole, name: string) =>
		Object.hasOwn(fields, name) ? fields[name as keyof Fields] : whole
	);

export const firstName = (name: string) => name.trim().split(/\s+/)[0] ?? '';

export const invitationLink = (origin: string, token: string) => `${origin}/i/${token}`;
