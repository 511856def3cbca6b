// What the app knows about each language it speaks, from i18n/<code>.json: the one place the picker,
// <html dir>, the draft-translation note, mail, the profile's language choice and Accept-Language
// negotiation read it from. The list of enabled locales itself is Paraglide's (project.inlang).
import { z } from 'zod';
import { baseLocale, locales, toLocale, type Locale } from '$lib/paraglide/runtime';
import ar from '../../../i18n/ar.json' with { type: 'json' };
import bn from '../../../i18n/bn.json' with { type: 'json' };
import en from '../../../i18n/en.json' with { type: 'json' };
import es from '../../../i18n/es.json' with { type: 'json' };
import fr from '../../../i18n/fr.json' with { type: 'json' };
import ht from '../../../i18n/ht.json' with { type: 'json' };
import ko from '../../../i18n/ko.json' with { type: 'json' };
import pl from '../../../i18n/pl.json' with { type: 'json' };
import ru from '../../../i18n/ru.json' with { type: 'json' };
import ur from '../../../i18n/ur.json' with { type: 'json' };
import zhHans from '../../../i18n/zh-Hans.json' with { type: 'json' };
import zhHant from '../../../i18n/zh-Hant.json' with { type: 'json' };

export const GLOSSARY_CONCEPTS = [
	'mutual_aid',
	'charity',
	'need',
	'offer',
	'network',
	'neighbor',
	'volunteer',
	'moderator'
] as const;

const metadataSchema = z.strictObject({
	/** The language's name in itself, as the language picker shows it. */
	name: z.string().min(1),
	englishName: z.string().min(1),
	dir: z.enum(['ltr', 'rtl']),
	review: z.strictObject({
		/** `source` is English; `draft` is reviewed by nobody yet; `reviewed` names who and when. */
		status: z.enum(['source', 'draft', 'reviewed']),
		note: z.string().min(1),
		reviewedOn: z.iso.date().optional()
	}),
	/** One word per idea, so "mutual aid" is the same word on every page of a language. */
	glossary: z.strictObject(
		Object.fromEntries(GLOSSARY_CONCEPTS.map((concept) => [concept, z.string().min(1)])) as Record<
			(typeof GLOSSARY_CONCEPTS)[number],
			z.ZodString
		>
	),
	/**
	 * Languages whose dates and numbers stand in where Intl has no data for this one (Haitian Creole
	 * formats as French rather than as American English).
	 */
	intlFallback: z.array(z.string()).optional()
});
export type LocaleMetadata = z.infer<typeof metadataSchema>;

const files: Record<string, unknown> = {
	en,
	es,
	'zh-Hans': zhHans,
	'zh-Hant': zhHant,
	ru,
	bn,
	ht,
	ko,
	ar,
	ur,
	fr,
	pl
};

/** Every enabled locale's metadata; a locale without a valid i18n/<code>.json fails at start-up. */
export const LOCALES = Object.fromEntries(
	locales.map((locale) => {
		const parsed = metadataSchema.safeParse(files[locale]);
		if (!parsed.success) throw new Error(`i18n/${locale}.json: ${z.prettifyError(parsed.error)}`);
		return [locale, parsed.data];
	})
) as Record<Locale, LocaleMetadata>;

export const localeInfo = (locale: Locale): LocaleMetadata => LOCALES[locale];

export const textDirection = (locale: Locale) => LOCALES[locale].dir;

/** The languages to give Intl for a locale: itself first, then what stands in where Intl lacks it. */
export const intlLocales = (locale: Locale): string[] => [locale, ...(LOCALES[locale].intlFallback ?? [])];

/** The language to write to someone in: theirs when the app speaks it, else the base locale. */
export const preferredLocale = (code: string | null | undefined): Locale => toLocale(code) ?? baseLocale;

/**
 * The best enabled locale for an Accept-Language header. Tags are compared with their likely script
 * filled in, so a browser asking for zh-TW or zh-HK gets Traditional Chinese and zh-CN or plain zh gets
 * Simplified, which a comparison of language codes alone cannot tell apart.
 */
export function negotiateLocale(header: string | null): Locale | undefined {
	if (!header) return undefined;
	const wanted = header
		.split(',')
		.map((part, index) => {
			const [tag = '', ...params] = part.trim().split(';');
			const q = Number(
				params
					.find((p) => p.trim().startsWith('q='))
					?.trim()
					.slice(2) ?? 1
			);
			return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0, index };
		})
		.filter(({ tag, q }) => tag && tag !== '*' && q > 0)
		.sort((a, b) => b.q - a.q || a.index - b.index);
	const enabled = locales.map((locale) => ({ locale, full: maximize(locale) }));
	for (const { tag } of wanted) {
		const full = maximize(tag);
		if (!full) continue;
		const match =
			enabled.find((e) => e.locale.toLowerCase() === tag.toLowerCase()) ??
			enabled.find((e) => e.full?.language === full.language && e.full.script === full.script);
		if (match) return match.locale;
	}
	return undefined;
}

function maximize(tag: string) {
	try {
		return new Intl.Locale(tag).maximize();
	} catch {
		return undefined;
	}
}
