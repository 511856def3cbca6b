// The one inline script on every page: it registers the service worker (src/service-worker.ts) once the
// page has loaded. No page hydrates, so SvelteKit's own registration (in its client) never runs. The CSP
// in svelte.config.js allows exactly this text by its hash, which holds for pages the page cache
// replays too, where a per-request nonce would not.
export const registerServiceWorker =
	"if('serviceWorker' in navigator)addEventListener('load',function(){navigator.serviceWorker.register('/service-worker.js')})";
