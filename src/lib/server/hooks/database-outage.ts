// When the database is down, people get a 503 that says to try again in a minute, and whatever they
// had just typed comes back to them in a form that sends it again, rather than a sign-in page or a 500.
import type { Handle, RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { textDirection } from '$lib/i18n/locales';
import { isDatabaseUnreachable } from '../db/errors.ts';
import { escapeHtml } from '../http/html.ts';
import { logger } from '../log.ts';
import { requestLocale } from './language.ts';

const RETRY_SECONDS = 60;

/** Requests whose load or action failed on the database; handleServerError marks them. */
const outages = new WeakSet<App.Locals>();

export function markDatabaseOutage(event: RequestEvent) {
	outages.add(event.locals);
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)/i;

/** The posted text fields, if the body is a form not yet read; files are never echoed back. */
async function postedFields(request: Request): Promise<[string, string][]> {
	if (request.method !== 'POST' || !FORM_TYPES.test(request.headers.get('content-type') ?? '')) return [];
	if (request.bodyUsed) return [];
	try {
		const form = await request.formData();
		return [...form].filter((entry): entry is [string, string] => typeof entry[1] === 'string');
	} catch {
		return [];
	}
}

async function outagePage(event: RequestEvent): Promise<Response> {
	const locale = requestLocale(event.request);
	const fields = await postedFields(event.request);
	const text = (message: (inputs: object, options: { locale: typeof locale }) => string) =>
		escapeHtml(message({}, { locale }));
	let form = '';
	if (fields.length) {
		const action = escapeHtml(event.url.pathname + event.url.search);
		const hidden = fields
			.map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
			.join('');
		// Shown as well as kept, so someone can copy their words even if the retry fails again.
		const shown = fields
			.filter(([, value]) => value.trim())
			.map(([name, value]) => `<dt>${escapeHtml(name)}</dt><dd><pre>${escapeHtml(value)}</pre></dd>`)
			.join('');
		form =
			`<p>${text(m.database_unreachable_kept)}</p>` +
			`<form method="POST" action="${action}">${hidden}<button type="submit">${text(m.database_unreachable_retry)}</button></form>` +
			(shown ? `<dl>${shown}</dl>` : '');
	}
	const html = `<!doctype html>
<html lang="${locale}" dir="${textDirection(locale)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${text(m.database_unreachable_title)} · ${text(m.site_name)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}pre{white-space:pre-wrap;font:inherit;margin:0}dt{font-weight:bold}button{font:inherit;padding:.5rem 1rem}</style>
</head>
<body><main><h1>${text(m.database_unreachable_title)}</h1><p>${text(m.database_unreachable_body)}</p>${form}</main></body>
</html>`;
	return new Response(html, {
		status: 503,
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'cache-control': 'no-store',
			'retry-after': String(RETRY_SECONDS),
			// Not rendered by SvelteKit, so its CSP does not apply: this page needs no scripts at all.
			'content-security-policy':
				"default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
		}
	});
}

export const handleDatabaseOutage: Handle = async ({ event, resolve }) => {
	let response: Response;
	try {
		response = await resolve(event);
	} catch (error) {
		// Raised in a hook (reading the session, before any load): the body is usually still unread.
		if (!isDatabaseUnreachable(error)) throw error;
		logger.warn(`${event.request.method} ${event.url.pathname} 503: the database does not answer`);
		return outagePage(event);
	}
	if (response.status === 500 && outages.has(event.locals)) {
		const headers = new Headers(response.headers);
		headers.set('retry-after', String(RETRY_SECONDS));
		return new Response(response.body, { status: 503, headers });
	}
	return response;
};
