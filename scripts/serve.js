// Serves the built app as `npm start` does, without start.js's check that the build is current: the
// browser tests start extra instances with it beside the shared test server, whose build must not be
// replaced under it.
import http from 'node:http';
import path from 'node:path';
import zlib from 'node:zlib';
import compression from 'compression';

const port = process.env.PORT || '3000';
process.env.PORT = port;
// SvelteKit rejects form posts whose Origin differs from the server's idea of its own; without a
// proxy in front, that is plain http on this port.
const origin = (process.env.ORIGIN ||= `http://localhost:${port}`);

// adapter-node refuses a request body over BODY_SIZE_LIMIT, 512K unless set. The largest form is a
// network's household CSV import: a file of up to 1 MB (MAX_IMPORT_BYTES in households/import.ts),
// whose text the preview step sends back once more. Every other form is a few kilobytes.
process.env.BODY_SIZE_LIMIT ||= '2M';

const { server } = await import(path.resolve('build/index.js'));
// Pages, JSON and feeds shrink to a quarter with gzip or brotli, which matters on a slow phone plan.
// Built assets are already precompressed (adapter-node's precompress) and carry Content-Encoding, which
// the middleware leaves alone.
const compress = compression({ brotli: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
// adapter-node serves /_app and static/ files before SvelteKit's hooks run, so the headers those add
// never reach them. This listener runs first for every request, before any byte is sent; compression
// wraps the response synchronously, before adapter-node's own listener writes to it.
//
// A page the page cache holds is answered here, whole (its compressed variants are stored with it), and
// never reaches adapter-node: src/lib/server/http/front-door.ts registers the lookup when the app loads.
// For that, adapter-node's own listener (polka's `attach`, which handles the request on the next tick)
// is taken off the server and called here on a miss only. Should polka change, pages are served as
// before, without that shortcut.
const FRONT_DOOR = Symbol.for('each-other.page-cache');
/** @type {((request: unknown, response: unknown) => void) | undefined} */
const adapter = server.server.listeners('request').includes(server.attach) ? server.attach : undefined;
if (adapter) server.server.off('request', adapter);
else console.warn('adapter-node changed: page-cache hits go through SvelteKit');
server.server.prependListener(
	'request',
	(
		/** @type {import('node:http').IncomingMessage} */ request,
		/** @type {import('node:http').ServerResponse} */ response
	) => {
		response.setHeader('X-Content-Type-Options', 'nosniff');
		const front = /** @type {Record<symbol, ((req: unknown, res: unknown) => boolean) | undefined>} */ (
			globalThis
		)[FRONT_DOOR];
		if (adapter && front?.(request, response)) return;
		compress(/** @type {never} */ (request), /** @type {never} */ (response), () => {});
		adapter?.(request, response);
	}
);
console.log(`Each Other is running at ${origin}`);

// The first page a server renders plans its queries (Prisma) and compiles the rendering code (V8): a few
// hundred milliseconds the first visitor would wait. One request to the home page right after listening
// pays it instead. Its failure only means that visitor pays, so it is not reported.
function warmUp() {
	const address = /** @type {import('node:net').AddressInfo | string | null} */ (server.server.address());
	if (!address) return;
	const target =
		typeof address === 'string'
			? { socketPath: address }
			: {
					host:
						/** @type {Record<string, string>} */ ({ '0.0.0.0': '127.0.0.1', '::': '::1' })[
							address.address
						] ?? address.address,
					port: address.port
				};
	http
		.get({ ...target, path: '/', headers: { host: new URL(origin).host } }, (response) => response.resume())
		.on('error', () => {});
}
if (server.server.listening) warmUp();
else server.server.once('listening', warmUp);
