// Two board sizes measured in one run, taking turns run by run: the ratio between them is the target,
// and on a shared machine two runs minutes apart differ by more than the sizes do (a three-block query
// took 2.8 ms in one run and 4.8 ms in the next). Each size has its own database, served by its own
// process (an embedded database in .data/bench-N, or DATABASE_URL's database with _N appended), which
// runs each view once when asked; this process asks them in turn and keeps the times.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import pg from 'pg';
import { percentile, printComparison, RESULTS, type Result } from './results.ts';

type Request = { run: string } | { blocks: string } | { stop: true };
type Reply = { ready: number } | { ms: number; timedOut: boolean } | { blocks: number | undefined };

/** --posts: one size, or two to compare side by side. */
export function benchSizes(option: string) {
	const sizes = option.split(',').map(Number);
	if (sizes.length > 2 || sizes.some((size) => !Number.isInteger(size) || size < 1)) {
		throw new Error(
			`--posts takes one or two numbers of posts, such as 100000 or 10000,1000000 (got ${option})`
		);
	}
	return sizes;
}

/** The database for one size, created on the server if it is not there yet. */
async function databaseFor(posts: number): Promise<NodeJS.ProcessEnv> {
	const base = process.env.DATABASE_URL;
	if (!base) return { DATA_DIR: `.data/bench-${posts}` };
	const url = new URL(base);
	const name = `${url.pathname.slice(1) || 'postgres'}_${posts}`;
	const client = new pg.Client({ connectionString: base });
	await client.connect();
	try {
		const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
		if (!rowCount) await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
	} finally {
		await client.end();
	}
	url.pathname = `/${name}`;
	return { DATABASE_URL: url.href };
}

interface Waiting {
	resolve: (reply: Reply) => void;
	reject: (error: Error) => void;
}

/** The process measuring one size, answering in the order it was asked. */
class SizeServer {
	readonly #child: ChildProcess;
	readonly #waiting: Waiting[] = [];
	readonly ready: Promise<number>;

	constructor(posts: number, runs: number, env: NodeJS.ProcessEnv) {
		this.#child = fork(
			process.argv[1]!,
			['--side-by-side', '--posts', String(posts), '--runs', String(runs)],
			{ env: { ...process.env, ...env }, execArgv: process.execArgv }
		);
		this.#child.on('message', (reply: Reply) => this.#waiting.shift()?.resolve(reply));
		// A crash (a database that would not start, a failed query) ends every wait, not just the next.
		this.#child.once('exit', (code) => {
			const error = new Error(`The bench for ${posts} posts stopped (exit code ${code})`);
			for (const waiting of this.#waiting.splice(0)) waiting.reject(error);
		});
		this.ready = this.#next<{ ready: number }>().then((reply) => reply.ready);
	}

	#next<R extends Reply>() {
		return new Promise<R>((resolve, reject) =>
			this.#waiting.push({ resolve: (reply) => resolve(reply as R), reject })
		);
	}

	ask<R extends Reply>(request: Request) {
		const reply = this.#next<R>();
		this.#child.send(request);
		return reply;
	}

	stop() {
		const exited = new Promise((resolve) => this.#child.once('exit', resolve));
		this.#child.send({ stop: true } satisfies Request);
		return exited;
	}
}

export async function measureSideBySide(sizes: number[], names: string[], runs: number) {
	const servers: SizeServer[] = [];
	const counted: number[] = [];
	for (const posts of sizes) {
		const server = new SizeServer(posts, runs, await databaseFor(posts));
		servers.push(server);
		// One at a time: seeding a million posts takes both cores.
		counted.push(await server.ready);
	}
	const at = new Date().toISOString();
	const results: Result[] = counted.map((posts) => ({ posts, at, sideBySide: true, views: {} }));
	console.log(
		`\n${results.map((r) => r.posts).join(' and ')} posts, ${runs} runs per view each, taking turns\n`
	);
	for (const name of names) {
		const times = servers.map(() => [] as number[]);
		const timedOut = servers.map(() => 0);
		for (let round = 0; round < runs; round++) {
			// Each size goes first in every other round, so neither always follows the other's cache use.
			const order = round % 2 ? [...servers.keys()].reverse() : [...servers.keys()];
			for (const index of order) {
				const run = await servers[index]!.ask<{ ms: number; timedOut: boolean }>({ run: name });
				times[index]!.push(run.ms);
				if (run.timedOut) timedOut[index]!++;
			}
		}
		for (const [index, server] of servers.entries()) {
			const { blocks } = await server.ask<{ blocks: number | undefined }>({ blocks: name });
			results[index]!.views[name] = {
				p50: percentile(times[index]!, 0.5),
				p95: percentile(times[index]!, 0.95),
				timedOut: timedOut[index],
				blocks
			};
		}
	}
	await Promise.all(servers.map((server) => server.stop()));
	mkdirSync(RESULTS, { recursive: true });
	for (const result of results)
		writeFileSync(`${RESULTS}/${result.posts}.json`, JSON.stringify(result, null, '\t'));
	printComparison(results[0]!, results[1]!);
}

/** In the process for one size: runs what measureSideBySide asks, one request at a time. */
export async function serveSideBySide(
	posts: number,
	views: {
		run: (name: string) => Promise<{ ms: number; timedOut: boolean }>;
		blocks: (name: string) => Promise<number | undefined>;
		stop: () => Promise<void>;
	}
) {
	const send = (reply: Reply) => process.send!(reply);
	let queue = Promise.resolve();
	process.on('message', (request: Request) => {
		queue = queue.then(async () => {
			if ('run' in request) send(await views.run(request.run));
			else if ('blocks' in request) send({ blocks: await views.blocks(request.blocks) });
			else {
				await views.stop();
				process.disconnect();
			}
		});
	});
	send({ ready: posts });
}
