// The languages people and networks say they speak, shared by profiles, posts and network pages.

/** English plus New York City's Local Law 30 languages, named in their own words. */
export const SPOKEN_LANGUAGES = [
	{ code: 'en', name: 'English' },
	{ code: 'es', name: 'Español' },
	{ code: 'zh', name: '中文' },
	{ code: 'ru', name: 'Русский' },
	{ code: 'bn', name: 'বাংলা' },
	{ code: 'ht', name: 'Kreyòl ayisyen' },
	{ code: 'ko', name: '한국어' },
	{ code: 'ar', name: 'العربية' },
	{ code: 'ur', name: 'اردو' },
	{ code: 'fr', name: 'Français' },
	{ code: 'pl', name: 'Polski' }
] as const;

/** The codes alone, in the tuple shape z.enum takes. */
export const SPOKEN_LANGUAGE_CODES = SPOKEN_LANGUAGES.map((l) => l.code) as [string, ...string[]];

/** A language's name in its own words: ours for the languages above, the browser's for any other. */
export function languageName(code: string): string {
	return (
		SPOKEN_LANGUAGES.find((language) => language.code === code)?.name ??
		new Intl.DisplayNames([code], { type: 'language' }).of(code) ??
		code
	);
}

/**
 * The languages a post can be written in: the interface's locales (Chinese as Simplified and
 * Traditional), named in their own words. Search reads a post in its language (see the
 * post_language_search migration), so these codes are what the database's search functions know.
 */
export const POST_LANGUAGES = SPOKEN_LANGUAGES.flatMap((language) =>
	language.code === 'zh'
		? [
				{ code: 'zh-Hans', name: '简体中文' },
				{ code: 'zh-Hant', name: '繁體中文' }
			]
		: [language]
);

export const POST_LANGUAGE_CODES = POST_LANGUAGES.map((l) => l.code) as [string, ...string[]];

/** The spoken language a post's written language is: zh-Hans and zh-Hant are both zh. */
export const spokenLanguageOf = (postLanguage: string) => postLanguage.split('-')[0]!;
