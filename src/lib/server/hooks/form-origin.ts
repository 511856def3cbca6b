// SvelteKit's form CSRF check, with one exception: the SMS provider's webhooks. They are form posts from
// a server, which sends no Origin header, so Kit's built-in check (which runs before any hook and
// cannot exempt a path) would refuse every one. svelte.config.js turns the built-in check off
// (trustedOrigins: ['*']) and this hook does the same check for every other path; the webhooks are
// protected by their signature instead (requireTwilioSignature in guard.ts).
import { text, type Handle } from '@sveltejs/kit';

/** Paths whose requests are signed by the SMS provider rather than sent by a browser. */
export const SIGNED_WEBHOOKS = ['/sms/inbound', '/sms/status'];

const FORM_TYPES = new Set([
	'application/x-www-form-urlencoded',
	'multipart/form-data',
	'text/plain',
	// Kit's own binary form encoding for remote forms.
	'application/x-sveltekit-formdata'
]);
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const isForm = (request: Request) =>
	FORM_TYPES.has(request.headers.get('content-type')?.split(';', 1)[0]?.trim().toLowerCase() ?? '');

/** `enabled` is false on the dev server, where Kit does not check either. */
export function formOriginCheck(enabled: boolean): Handle {
	return ({ event, resolve }) => {
		const { request, url } = event;
		const forbidden =
			enabled &&
			UNSAFE.has(request.method) &&
			isForm(request) &&
			request.headers.get('origin') !== url.origin &&
			!SIGNED_WEBHOOKS.includes(url.pathname);
		if (forbidden)
			return text(`Cross-site ${request.method} form submissions are forbidden`, { status: 403 });
		return resolve(event);
	};
}
