// npm run bench:http [-- --posts 100000 --seconds 3 --rounds 2 --cache both]: the built app over HTTP,
// as a reader's phone would meet it. Starts it as `npm start` does (building first if the build is
// missing or stale) against DATABASE_URL, or an embedded database in .data/bench-http, after loading N
// demo posts (kept between runs). Each page is measured against the static /robots.txt served by the
// same server, in alternating rounds (static, page, static, page…) at 10 and 50 connections, so the
// figures are ratios within one run on a shared machine. Also: the server's resident memory while under
// that load (median and peak), and the cold start, from spawning the server to the first 200 of `/`.
// Only 127.0.0.1; every round is bounded by --seconds. Results go to .data/bench-results/http-N.json.
// Timing targets live here, not in tests.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { db } from '../src/lib/server/db/index.ts';
import { startServices } from '../src/lib/server/startup.ts';
import { percentile, RESULTS } from './bench/results.ts';
import { bulkSeedDemoPosts } from './bench/seed.ts';

const { values } = parseArgs({
	options: {
		posts: { type: 'string', default: '100000' },
		seconds: { type: 'string', default: '3' },
		rounds: { type: 'string', default: '2' },
		connections: { type: 'string', default: '10,50' },
		// on, off, or both (one server each, one after the other)
		cache: { type: 'string', default: 'both' },
		port: { type: 'string', default: '4391' },
		// Per-request log lines cost a page, not the static file; off unless asked, like a quiet proxy log.
		'log-level': { type: 'string', default: 'warn' },
		// More V8 flags for the server only (NODE_OPTIONS), beside those of npm start
		'node-options': { type: 'string', default: '' },
		// Only the cold start, this many times (no seeding, no load): its median and spread
		'cold-only': { type: 'string' }
	}
});
const wanted = Number(values.posts);
const seconds = Number(values.seconds);
const rounds = Number(values.rounds);
const connections = values.connections.split(',').map(Number);
const CONCURRENT = Math.max(...connections);
const port = Number(values.port);
const origin = `http://127.0.0.1:${port}`;
process.env.DATA_DIR ||= '.data/bench-http';

// --- Posts -----------------------------------------------------------------------------------------

/** Seeds the database up to `wanted` posts and picks the pages to measure. */
async function prepare() {
	const services = await startServices(() => {});
	try {
		const existing = await db.post.count();
		if (existing < wanted) {
			console.log(`Seeding ${wanted - existing} demo posts (${existing} already there)...`);
			await bulkSeedDemoPosts(wanted - existing, (line) => process.stdout.write(`\r${line}`));
			console.log();
			// A bulk insert leaves a long GIN pending list that every search would scan; autovacuum clears it.
			await db.$executeRawUnsafe('VACUUM ANALYZE posts');
		}
		const posts = await db.post.count();
		const post = await db.post.findFirstOrThrow({ where: { status: 'OPEN' }, orderBy: { id: 'desc' } });
		const network = await db.network.findFirstOrThrow({
			where: { coverage: { some: {} }, posts: { some: {} } },
			orderBy: { slug: 'asc' }
		});
		const neighborhood = await db.neighborhood.findFirstOrThrow({
			where: { posts: { some: {} } },
			orderBy: { slug: 'asc' }
		});
		const pages: Record<string, string> = {
			'/healthz (hooks only)': '/healthz',
			'/board': '/board',
			'/board?q=crib': '/board?q=crib',
			'/ (home)': '/',
			'network page': `/networks/${network.slug}`,
			'neighborhood page': `/neighborhoods/${neighborhood.slug}`,
			'/posts/<id>': `/posts/${post.id}`,
			'/api/posts': '/api/posts'
		};
		return { posts, pages };
	} finally {
		await services.stop();
	}
}

// --- The server ------------------------------------------------------------------------------------

interface Server {
	process: ChildProcess;
	coldStartMs: number;
	/** From spawning to the server's "is running" line, which it prints once it listens. */
	listeningMs: number;
	stop(): Promise<void>;
}

async function firstOk(path: string, child: ChildProcess, limitMs: number) {
	const until = performance.now() + limitMs;
	while (performance.now() < until) {
		if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode}) before answering`);
		const status = await fetch(`${origin}${path}`).then(
			(response) => response.status,
			() => 0
		);
		if (status === 200) return;
		await new Promise((done) => setTimeout(done, 20));
	}
	throw new Error(`No 200 from ${path} within ${limitMs / 1000} s`);
}

/**
 * What `npm start` runs, memory settings included: `NAME=value … node <flags> scripts/start.js`, as the
 * environment it sets and the arguments to node.
 */
const [START_ENV, START] = (() => {
	const words = (
		JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
	).scripts.start.split(/\s+/);
	const node = words.indexOf('node');
	const assignments = words
		.slice(0, node)
		.map((word) => [word.slice(0, word.indexOf('=')), word.slice(word.indexOf('=') + 1)]);
	return [Object.fromEntries(assignments) as Record<string, string>, words.slice(node + 1)];
})();

async function startServer(pageCache: 'on' | 'off'): Promise<Server> {
	const started = performance.now();
	const child = spawn(process.execPath, START, {
		env: {
			...process.env,
			...START_ENV,
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: origin,
			PAGE_CACHE: pageCache,
			// Its memory break-down (heap, outside the heap) comes from the server's own metrics.
			METRICS_TOKEN,
			// Nobody signs in here; the server refuses to start on PostgreSQL without one.
			AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString('base64'),
			LOG_LEVEL: values['log-level'],
			NODE_OPTIONS: [process.env.NODE_OPTIONS, values['node-options']].filter(Boolean).join(' ')
		},
		stdio: ['ignore', 'pipe', 'inherit']
	});
	let listeningMs = NaN;
	child.stdout!.on('data', (chunk: Buffer) => {
		if (Number.isNaN(listeningMs) && chunk.includes('is running at')) {
			listeningMs = performance.now() - started;
		}
	});
	// A stale build is rebuilt by start.js, which is not a cold start: the caller starts it once first.
	await firstOk('/', child, 300_000);
	const coldStartMs = performance.now() - started;
	return {
		process: child,
		coldStartMs,
		listeningMs,
		stop: () =>
			new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => done());
				child.kill('SIGTERM');
			})
	};
}

/** Resident memory of a process in MB (Linux), or NaN elsewhere. */
function residentMb(pid: number) {
	try {
		const status = readFileSync(`/proc/${pid}/status`, 'utf8');
		return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024;
	} catch {
		return NaN;
	}
}

// --- Load --------------------------------------------------------------------------------------------

interface Round {
	requestsPerSecond: number;
	latencies: number[];
	errors: number;
	non2xx: number;
}

function load(path: string, concurrent: number, duration: number): Promise<Round> {
	return new Promise((resolve, reject) => {
		const latencies: number[] = [];
		const instance = autocannon(
			{ url: `${origin}${path}`, connections: concurrent, duration, timeout: 10 },
			(error, result) => {
				if (error) return reject(error);
				resolve({
					requestsPerSecond: result.requests.total / duration,
					latencies,
					errors: result.errors + result.timeouts,
					non2xx: result.non2xx
				});
			}
		);
		instance.on('response', (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
	});
}

/** Body bytes as sent, uncompressed and gzipped (the client asks for it). */
function bodyBytes(path: string, encoding: 'identity' | 'gzip') {
	return new Promise<number>((resolve, reject) => {
		http
			.get(`${origin}${path}`, { headers: { 'accept-encoding': encoding } }, (response) => {
				let bytes = 0;
				response.on('data', (chunk: Buffer) => (bytes += chunk.length));
				response.on('end', () => resolve(bytes));
			})
			.on('error', reject);
	});
}

interface Row {
	page: string;
	path: string;
	/** By connections: the page's and the static file's req/s, averaged over the rounds. */
	rate: Record<number, { page: number; static: number }>;
	p50: number;
	p95: number;
	bytes: number;
	gzipped: number;
	failures: number;
}

const STATIC = '/robots.txt';
const METRICS_TOKEN = randomBytes(16).toString('hex');

/** What the server says of its memory in MB: V8's heap (used, reserved) and buffers outside it. */
async function memoryBreakdown() {
	const response = await fetch(`${origin}/metrics`, {
		headers: { authorization: `Bearer ${METRICS_TOKEN}` }
	});
	const text = await response.text();
	const read = (name: string) => Number(new RegExp(`^${name} (\\S+)`, 'm').exec(text)?.[1]) / 1048576;
	return {
		heapUsedMb: read('nodejs_heap_size_used_bytes'),
		heapTotalMb: read('nodejs_heap_size_total_bytes'),
		externalMb: read('nodejs_external_memory_bytes')
	};
}

async function measure(pages: Record<string, string>, server: Server) {
	const rss: number[] = [];
	const sampler = setInterval(() => rss.push(residentMb(server.process.pid!)), 200);
	const idleMb = residentMb(server.process.pid!);
	const rows: Row[] = [];
	try {
		for (const [page, path] of Object.entries({ [`static ${STATIC}`]: STATIC, ...pages })) {
			// Warm: the first requests compile code and fill caches, which is not what is measured.
			await load(path, 10, 1);
			const row: Row = {
				page,
				path,
				rate: {},
				p50: NaN,
				p95: NaN,
				bytes: await bodyBytes(path, 'identity'),
				gzipped: await bodyBytes(path, 'gzip'),
				failures: 0
			};
			const latencies: number[] = [];
			for (const concurrent of connections) {
				const pageRates: number[] = [];
				const staticRates: number[] = [];
				for (let round = 0; round < rounds; round++) {
					const base = await load(STATIC, concurrent, seconds);
					const measured = path === STATIC ? base : await load(path, concurrent, seconds);
					staticRates.push(base.requestsPerSecond);
					pageRates.push(measured.requestsPerSecond);
					row.failures += measured.errors + measured.non2xx;
					if (concurrent === CONCURRENT) latencies.push(...measured.latencies);
				}
				const mean = (list: number[]) => list.reduce((a, b) => a + b, 0) / list.length;
				row.rate[concurrent] = { page: mean(pageRates), static: mean(staticRates) };
			}
			row.p50 = percentile(latencies, 0.5);
			row.p95 = percentile(latencies, 0.95);
			rows.push(row);
			console.log(`  ${page}: ${Math.round(row.rate[connections[0]!]!.page)} req/s`);
		}
	} finally {
		clearInterval(sampler);
	}
	return {
		rows,
		idleMb,
		rssMedianMb: percentile(rss, 0.5),
		rssPeakMb: Math.max(...rss),
		afterLoad: await memoryBreakdown()
	};
}

function table(rows: Row[]) {
	const [low] = connections;
	const lines = [
		`| page | req/s (c=${low}) | share of static (c=${low}) | req/s (c=${CONCURRENT}) | share of static (c=${CONCURRENT}) | p50 / p95 ms at c=${CONCURRENT} | bytes (gzip) |`,
		'|---|---|---|---|---|---|---|'
	];
	const share = (rate: { page: number; static: number }) =>
		`${((100 * rate.page) / rate.static).toFixed(1)}%`;
	for (const row of rows) {
		const a = row.rate[low!]!;
		const b = row.rate[CONCURRENT]!;
		const kb = (bytes: number) => (bytes < 2048 ? `${bytes}` : `${(bytes / 1024).toFixed(1)} KB`);
		lines.push(
			`| ${row.page.replace('<', '&lt;')} | ${Math.round(a.page)} | ${share(a)} | ${Math.round(b.page)} | ${share(b)} | ${row.p50.toFixed(0)} / ${row.p95.toFixed(0)} | ${kb(row.bytes)} (${kb(row.gzipped)}) |` +
				(row.failures ? ` ${row.failures} failed` : '')
		);
	}
	return lines.join('\n');
}

// --- Run ---------------------------------------------------------------------------------------------

/** Starts the server `times` times, one after the other, after an untimed start that builds and migrates. */
async function coldStarts(times: number) {
	await (await startServer('on')).stop();
	const listening: number[] = [];
	const firstPage: number[] = [];
	for (let run = 0; run < times; run++) {
		const server = await startServer('on');
		await server.stop();
		listening.push(server.listeningMs);
		firstPage.push(server.coldStartMs);
		console.log(
			`  start ${run + 1}: listening after ${Math.round(server.listeningMs)} ms, first 200 of / after ${Math.round(server.coldStartMs)} ms`
		);
	}
	const range = (list: number[]) =>
		`median ${Math.round(percentile(list, 0.5))} ms (${Math.round(Math.min(...list))}–${Math.round(Math.max(...list))})`;
	const database = process.env.DATABASE_URL ? 'PostgreSQL' : 'embedded PGlite';
	console.log(
		`Cold start on ${database}, ${times} runs: listening ${range(listening)}; first 200 of / ${range(firstPage)}`
	);
}

if (values['cold-only']) {
	await coldStarts(Number(values['cold-only']));
	process.exit(0);
}

const { posts, pages } = await prepare();
console.log(`${posts} posts; ${rounds} alternating rounds of ${seconds} s per page and concurrency\n`);
// Once to build if needed (start.js rebuilds a stale build) and to let the server migrate: not timed.
await (await startServer('on')).stop();

const modes = values.cache === 'both' ? (['off', 'on'] as const) : [values.cache as 'on' | 'off'];
const results: Record<string, unknown> = { posts, at: new Date().toISOString(), seconds, rounds };
for (const mode of modes) {
	const server = await startServer(mode);
	try {
		console.log(`Page cache ${mode}: cold start ${Math.round(server.coldStartMs)} ms`);
		const measured = await measure(pages, server);
		console.log(`\n### ${posts} posts, page cache ${mode}\n\n${table(measured.rows)}\n`);
		const { heapUsedMb, heapTotalMb, externalMb } = measured.afterLoad;
		console.log(
			`Resident memory: ${measured.idleMb.toFixed(0)} MB after start, median ${measured.rssMedianMb.toFixed(0)} MB and peak ${measured.rssPeakMb.toFixed(0)} MB under load; after it, V8's heap holds ${heapUsedMb.toFixed(0)} MB of ${heapTotalMb.toFixed(0)} MB reserved, and ${externalMb.toFixed(0)} MB of buffers live outside it. Cold start to the first 200 of /: ${Math.round(server.coldStartMs)} ms.\n`
		);
		results[`cache-${mode}`] = { coldStartMs: server.coldStartMs, ...measured };
	} finally {
		await server.stop();
	}
}
mkdirSync(RESULTS, { recursive: true });
writeFileSync(`${RESULTS}/http-${posts}.json`, JSON.stringify(results, null, '\t'));
