import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { cookieName } from '$lib/paraglide/runtime';
import { startApp } from '$lib/server/lifecycle';
import { handleAuth } from '$lib/server/hooks/auth';
import { handleDatabaseOutage } from '$lib/server/hooks/database-outage';
import { formOriginCheck } from '$lib/server/hooks/form-origin';
import { handleFormScript } from '$lib/server/hooks/form-script';
import { handleServerError } from '$lib/server/hooks/errors';
import {
	handleInvitationLocale,
	handleLanguageChoice,
	handleLocale,
	requestLocale
} from '$lib/server/hooks/language';
import { languageOfInvitation } from '$lib/server/distributions/outreach';
import { handleSecurityHeaders } from '$lib/server/hooks/security-headers';
import { handleObservability } from '$lib/server/hooks/observe';
import { pageCache } from '$lib/server/http/page-cache';
import { openFrontDoor } from '$lib/server/http/front-door';

/**
 * SvelteKit loads a page's modules on its first request: for the home page, with the messages and
 * components it shares with every page, most of a second of a cold start. Loaded here, they load while
 * the server waits on its database (start, migrations, seed) instead. A failure here would only show
 * again, and be reported, on that first request.
 */
const loadHomePage = () =>
	Promise.all([
		import('./routes/+layout.server.ts'),
		import('./routes/+layout.svelte'),
		import('./routes/+page.server.ts'),
		import('./routes/+page.svelte'),
		import('./routes/+error.svelte')
	]).catch(() => {});

export const init: ServerInit = async () => {
	const homePage = dev ? undefined : loadHomePage();
	await startApp(dev);
	await homePage;
};

const pages = pageCache(requestLocale, cookieName);
openFrontDoor(pages);

export const handle = sequence(
	handleObservability,
	handleSecurityHeaders,
	formOriginCheck(!dev),
	handleDatabaseOutage,
	handleLanguageChoice,
	handleInvitationLocale(languageOfInvitation),
	// Before the locale hook (whose per-request copy of the request a hit does not need) and before the
	// session is read (a request with a session cookie is never served from it). The key's language is
	// the one the page will be rendered in: Paraglide's synchronous extractor skips our custom strategy
	// and said English for a Spanish reader.
	pages.handle,
	handleLocale,
	handleFormScript,
	handleAuth
);

export const handleError = handleServerError;
