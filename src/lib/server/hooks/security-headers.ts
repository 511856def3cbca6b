import type { Handle } from '@sveltejs/kit';
import { publicOrigin } from '../config.ts';

// The Content-Security-Policy itself is in svelte.config.js, where SvelteKit adds nonces for its
// own inline scripts; these are the headers it does not cover. Static files never reach this hook:
// scripts/serve.js gives them nosniff.
const headers = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

// Only for an https origin: over plain http browsers ignore it, and it would outlive a local setup.
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Adds them to a response's headers (those a route set itself are kept). Also what the page cache
 * stores with a page, since its hits may be answered before this hook runs (http/page-cache.ts).
 */
export function addSecurityHeaders(target: Headers) {
	target.set('X-Content-Type-Options', headers['X-Content-Type-Options']);
	for (const [name, value] of Object.entries(headers)) {
		if (!target.has(name)) target.set(name, value);
	}
	if (publicOrigin().startsWith('https:')) target.set('Strict-Transport-Security', HSTS);
}

export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	// Some responses (Response.redirect, as Auth.js returns) have immutable headers: copy those first.
	try {
		response.headers.set('X-Content-Type-Options', headers['X-Content-Type-Options']);
	} catch {
		response = new Response(response.body, response);
	}
	addSecurityHeaders(response.headers);
	return response;
};
