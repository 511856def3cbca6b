const DUMMY_ORIGIN = 'http://x';
// Browsers strip tabs and newlines from addresses and treat \ as /, so anything outside printable
// ASCII could turn a harmless-looking path into //evil.example. Our own links are always encoded.
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/** Where to send someone after a step: only a path on this site, never an outside address. */
export function safeNextPath(value: unknown, fallback = '/'): string {
	if (typeof value !== 'string' || !value.startsWith('/')) return fallback;
	if (!PRINTABLE_ASCII.test(value) || value.includes('\\')) return fallback;
	let url: URL;
	try {
		url = new URL(value, DUMMY_ORIGIN);
	} catch {
		return fallback;
	}
	if (url.origin !== DUMMY_ORIGIN) return fallback;
	const path = url.pathname + url.search + url.hash;
	// "/a/..//evil.example" stays on this origin here but normalizes to a protocol-relative address.
	return path.startsWith('//') ? fallback : path;
}
