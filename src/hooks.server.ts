import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { cookieName, extractLocaleFromRequest } from '$lib/paraglide/runtime';
import { startApp } from '$lib/server/lifecycle';
import { handleAuth } from '$lib/server/hooks/auth';
import { handleDatabaseOutage } from '$lib/server/hooks/database-outage';
import { formOriginCheck } from '$lib/server/hooks/form-origin';
import { handleFormScript } from '$lib/server/hooks/form-script';
import { handleServerError } from '$lib/server/hooks/errors';
import { handleLanguageChoice, handleLocale } from '$lib/server/hooks/language';
import { handleSecurityHeaders } from '$lib/server/hooks/security-headers';
import { handleObservability } from '$lib/server/hooks/observe';
import { pageCache } from '$lib/server/http/page-cache';

export const init: ServerInit = async () => {
	await startApp(dev);
};

export const handle = sequence(
	handleObservability,
	handleSecurityHeaders,
	formOriginCheck(!dev),
	handleDatabaseOutage,
	handleLanguageChoice,
	// Before the locale hook (whose per-request copy of the request a hit does not need) and before the
	// session is read (a request with a session cookie is never served from it).
	pageCache(extractLocaleFromRequest, cookieName).handle,
	handleLocale,
	handleFormScript,
	handleAuth
);

export const handleError = handleServerError;
