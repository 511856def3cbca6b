import { createHash } from 'node:crypto';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { registerServiceWorker } from './src/service-worker-registration.js';

/** @type {`sha256-${string}`} */
const registrationHash = `sha256-${createHash('sha256').update(registerServiceWorker).digest('base64')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		adapter: adapter({ precompress: true }),
		// src/instrumentation.server.ts runs before the app's code loads: the embedded database starts
		// while the app loads instead of after it (cold start).
		experimental: { instrumentation: { server: true } },
		typescript: {
			// Type-check (and lint with type information) the scripts and tool configs too.
			config(tsconfig) {
				tsconfig.include.push('../scripts/**/*', '../*.config.ts', '../*.config.js');
			}
		},
		// Kit's form origin check runs before the hooks and cannot spare the SMS provider's webhooks, which
		// come with no Origin header; src/lib/server/hooks/form-origin.ts does the same check and spares them.
		csrf: { trustedOrigins: ['*'] },
		// Registered by the inline script in src/service-worker-registration.js (no page runs Kit's client).
		serviceWorker: { register: false },
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', registrationHash],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'worker-src': ['self'],
				'manifest-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
