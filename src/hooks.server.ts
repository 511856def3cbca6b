import type { HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { dev } from '$app/environment';
import { startApp } from '$lib/server/lifecycle';
import { handleAuth } from '$lib/server/hooks/auth';
import { handleLanguageChoice, handleLocale } from '$lib/server/hooks/language';
import { handleSecurityHeaders } from '$lib/server/hooks/security-headers';

export const init: ServerInit = async () => {
	await startApp(dev);
};

export const handle = sequence(handleSecurityHeaders, handleLanguageChoice, handleLocale, handleAuth);

export const handleError: HandleServerError = ({ error, event, status }) => {
	if (status !== 404) console.error(`${event.request.method} ${event.url.pathname} failed:`, error);
	// The page shows a translated, generic message; details stay in the server log.
	return { message: status === 404 ? 'Not found' : 'Internal error' };
};
