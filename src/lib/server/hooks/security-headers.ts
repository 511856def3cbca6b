import type { Handle } from '@sveltejs/kit';

// The Content-Security-Policy itself is in svelte.config.js, where SvelteKit adds nonces for its
// own inline scripts; these are the headers it does not cover.
const headers = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'strict-origin-when-cross-origin',
	'X-Frame-Options': 'DENY',
	'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
	'Cross-Origin-Opener-Policy': 'same-origin'
};

export const handleSecurityHeaders: Handle = async ({ event, resolve }) => {
	let response = await resolve(event);
	// Some responses (Response.redirect, as Auth.js returns) have immutable headers: copy those first.
	try {
		response.headers.set('X-Content-Type-Options', headers['X-Content-Type-Options']);
	} catch {
		response = new Response(response.body, response);
	}
	for (const [name, value] of Object.entries(headers)) {
		if (!response.headers.has(name)) response.headers.set(name, value);
	}
	return response;
};
