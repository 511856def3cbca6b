import { isLocale, overwriteGetLocale, baseLocale } from '$lib/paraglide/runtime';

// The server already chose the language and wrote it into <html lang>; the browser follows it
// instead of guessing again, so hydrated pages never switch language mid-render.
overwriteGetLocale(() => {
	const lang = document.documentElement.lang;
	return isLocale(lang) ? lang : baseLocale;
});
