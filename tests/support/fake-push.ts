// A Web Push service for tests: a real HTTPS server (self-signed, trusted through the agent it hands
// out) that does what a browser vendor's push service and the browser together do to a message. It
// checks the VAPID JWT (ES256 over the site's public key, the audience is this origin, not expired),
// decrypts the aes128gcm body with the subscription's private key and auth secret (http_ece, RFC 8291),
// and records the plain text. An endpoint marked gone answers 410, as for a revoked subscription.
import { createECDH, createPublicKey, randomBytes, verify, type ECDH } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ece from 'http_ece';

export interface Delivered {
	endpoint: string;
	/** The decrypted payload, as the device's service worker would read it. */
	text: string;
	ttl: number;
	/** The VAPID claims the JWT carried. */
	claims: { aud: string; exp: number; sub: string };
}

export interface FakeDevice {
	/** What PushSubscription.toJSON() gives the page. */
	subscription: { endpoint: string; keys: { p256dh: string; auth: string } };
	ecdh: ECDH;
	auth: Buffer;
}

export interface FakePush {
	origin: string;
	/** Trusts the fake's certificate: pass it to web-push. */
	agent: Agent;
	/** A browser's subscription: fresh keys and an endpoint on this service. */
	device(): FakeDevice;
	delivered: Delivered[];
	/** Answered with 400 and the reason: a bad JWT or a payload that would not decrypt. */
	rejected: string[];
	/** Endpoints answered with 410 Gone from now on. */
	gone: Set<string>;
	close(): Promise<void>;
}

function selfSigned() {
	const dir = mkdtempSync(path.join(tmpdir(), 'fake-push-'));
	const key = path.join(dir, 'key.pem');
	const cert = path.join(dir, 'cert.pem');
	execFileSync(
		'openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-keyout',
			key,
			'-out',
			cert,
			'-days',
			'1',
			'-subj',
			'/CN=127.0.0.1',
			'-addext',
			'subjectAltName=IP:127.0.0.1'
		],
		{ stdio: 'ignore' }
	);
	const pair = { key: readFileSync(key), cert: readFileSync(cert) };
	rmSync(dir, { recursive: true, force: true });
	return pair;
}

/** Checks `vapid t=<jwt>, k=<public key>` and returns the JWT's claims, or throws why not. */
function verifyVapid(header: string | undefined, origin: string) {
	const match = /^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/.exec(header ?? '');
	if (!match) throw new Error(`no VAPID authorization: ${header}`);
	const [, jwt, k] = match as unknown as [string, string, string];
	const point = Buffer.from(k, 'base64url');
	if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
	const key = createPublicKey({
		format: 'jwk',
		key: {
			kty: 'EC',
			crv: 'P-256',
			x: point.subarray(1, 33).toString('base64url'),
			y: point.subarray(33).toString('base64url')
		}
	});
	const [head, body, signature] = jwt.split('.') as [string, string, string];
	const signed = verify(
		'sha256',
		Buffer.from(`${head}.${body}`),
		{ key, dsaEncoding: 'ieee-p1363' },
		Buffer.from(signature, 'base64url')
	);
	if (!signed) throw new Error('JWT signature does not verify with k');
	if (JSON.parse(Buffer.from(head, 'base64url').toString()).alg !== 'ES256') throw new Error('JWT not ES256');
	const claims = JSON.parse(Buffer.from(body, 'base64url').toString()) as Delivered['claims'];
	const now = Date.now() / 1000;
	if (claims.aud !== origin) throw new Error(`JWT audience ${claims.aud} is not ${origin}`);
	if (!(claims.exp > now && claims.exp <= now + 24 * 60 * 60)) throw new Error('JWT expiry out of range');
	if (!/^(mailto:|https:)/.test(claims.sub)) throw new Error(`JWT subject ${claims.sub}`);
	return claims;
}

export async function startFakePush(): Promise<FakePush> {
	const { key, cert } = selfSigned();
	const devices = new Map<string, FakeDevice>();
	const delivered: Delivered[] = [];
	const rejected: string[] = [];
	const gone = new Set<string>();
	let origin = '';

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const endpoint = origin + req.url;
		const device = devices.get(endpoint);
		if (req.method !== 'POST' || !device || gone.has(endpoint)) {
			res.writeHead(device ? 410 : 404).end();
			return;
		}
		try {
			const claims = verifyVapid(req.headers.authorization, origin);
			if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('not aes128gcm');
			const text = ece
				.decrypt(Buffer.concat(chunks), {
					version: 'aes128gcm',
					privateKey: device.ecdh,
					authSecret: device.auth.toString('base64url')
				})
				.toString('utf8');
			delivered.push({ endpoint, text, ttl: Number(req.headers.ttl), claims });
			res.writeHead(201).end();
		} catch (error) {
			rejected.push(error instanceof Error ? error.message : String(error));
			res.writeHead(400).end();
		}
	};
	const server: Server = createServer({ key, cert }, (req, res) => void handle(req, res));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `https://127.0.0.1:${(server.address() as { port: number }).port}`;

	return {
		origin,
		agent: new Agent({ ca: cert }),
		delivered,
		rejected,
		gone,
		device() {
			const ecdh = createECDH('prime256v1');
			ecdh.generateKeys();
			const auth = randomBytes(16);
			const endpoint = `${origin}/push/${randomBytes(12).toString('hex')}`;
			const device: FakeDevice = {
				subscription: {
					endpoint,
					keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') }
				},
				ecdh,
				auth
			};
			devices.set(endpoint, device);
			return device;
		},
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}
