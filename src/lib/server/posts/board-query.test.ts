// The board's search strategy against the naive query: whichever branch the walk picks (its own
// matches, the posts within reach of the walk tested one by one or through the GIN index, or all of the
// GIN index's, sorted), every page of
// every shape lists the same posts in the same order as one plain ORDER BY over everything that
// matches, searches and "in a language I speak" alike. The walk and its reach are shortened so forty
// posts take every branch, and on page two onwards the branch may change mid-listing.
import fc from 'fast-check';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, testDatabaseUrl, useTestDatabase } from '../../../../tests/support/database.ts';
import { requestEvent } from '../../../../tests/support/request-event.ts';
import * as boardPage from '../../../routes/board/+page.server.ts';
import * as postsApi from '../../../routes/api/posts/+server.ts';
import type { Database } from '../db/index.ts';
import { networksTaking } from '../places/index.ts';
import { Prisma } from '../db/generated/client.ts';
import {
	BoardTooSlow,
	boardQuery,
	listBoard,
	parseBoardFilters,
	SEARCHES_AT_ONCE,
	searchTurns
} from './board.ts';
import { oneTermQuery } from './board-query.ts';

let db: Database;
const RUN = `zb${Date.now().toString(36)}`;
// Words only this run's posts contain, so other tests' posts never match.
const WORDS = ['kx', 'kq', 'kv', 'kz'].map((suffix) => `${RUN}${suffix}`);
const SLUGS = ['bushwick-west', 'kensington', 'astoria-central'];
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
	db = await useTestDatabase();
	const author = await db.user.create({
		data: { email: `board-${RUN}@example.org`, name: 'Board', profileCompletedAt: new Date() }
	});
	const places = await db.neighborhood.findMany({ where: { slug: { in: SLUGS } } });
	const routes = await networksTaking(places.map((n) => n.id));
	let seed = 7;
	const next = (n: number) => (seed = (seed * 48271) % 2147483647) % n;
	const base = Date.now();
	await db.post.createMany({
		data: Array.from({ length: 40 }, () => {
			const place = places[next(places.length)]!;
			const network = routes.get(place.id)![0]!;
			// Few distinct times, so ties are broken by id as the cursor expects.
			const createdAt = new Date(base - next(6) * HOUR);
			return {
				kind: next(2) ? ('NEED' as const) : ('OFFER' as const),
				status: next(8) ? ('OPEN' as const) : ('EXPIRED' as const),
				category: (['GROCERIES', 'RIDES', 'CHILDCARE'] as const)[next(3)]!,
				title: WORDS.filter(() => next(2)).join(' ') || 'Help',
				details: `Posted by ${RUN}.`,
				neighborhoodId: place.id,
				networkId: network.id,
				timeWindow: 'THIS_WEEK' as const,
				dueAt: new Date(base + next(4) * 24 * HOUR),
				languages: [['en'], ['es'], ['bn', 'en'], []][next(4)]!,
				language: ['en', 'es', 'zh-Hant'][next(3)]!,
				authorId: author.id,
				createdAt,
				expiresAt: new Date(base + 14 * 24 * HOUR)
			};
		})
	});
});
afterAll(disconnectDatabase);

const ORDER = {
	newest: 'p.created_at DESC, p.id DESC',
	soonest: 'p.due_at ASC, p.id ASC',
	longest: 'p.created_at ASC, p.id ASC'
} as const;
const KEY = { newest: 'p.created_at', soonest: 'p.due_at', longest: 'p.created_at' } as const;

/**
 * Every post the filters other than the search and languages allow, in order, each saying whether it
 * matches those too, with no cleverness: languages compared as columns, not through the document.
 */
async function naive(
	params: URLSearchParams,
	speaks: readonly string[] | null,
	details = `Posted by ${RUN}.`
) {
	const sort = (params.get('sort') ?? 'newest') as keyof typeof ORDER;
	const rows = await db.$queryRawUnsafe<{ id: number; key: Date; hit: boolean }[]>(
		`SELECT p.id, ${KEY[sort]} AS key, ($1::text IS NULL OR p.search @@ search_query($1))
		          AND ($5::text[] IS NULL OR p.languages && $5 OR split_part(p.language, '-', 1) = ANY ($5)) AS hit
		   FROM posts p JOIN neighborhoods n ON n.id = p.neighborhood_id
		  WHERE p.status = 'OPEN' AND p.details = $6
		    AND ($2::text IS NULL OR p.kind::text = $2) AND ($3::text IS NULL OR p.category::text = $3)
		    AND ($4::text IS NULL OR n.slug = $4)
		  ORDER BY ${ORDER[sort]}`,
		params.get('q'),
		params.get('kind'),
		params.get('category'),
		params.get('neighborhood'),
		speaks,
		details
	);
	return rows;
}

interface Strategy {
	walk: number;
	widen: number;
	walkOn: number;
}

/**
 * Which branch the statement takes for the first page: a page of matches among the walked posts, else
 * among the posts the walk's stretch of the sort order, widened, reaches (tested one by one when the
 * stretch is short, else through the index unless the walk found no match of several terms), else all
 * of them. `lone`: the search is one term (oneTerm).
 */
function branch(
	rows: { key: Date; hit: boolean }[],
	{ walk, widen, walkOn }: Strategy,
	limit: number,
	lone = true
) {
	const walked = rows.slice(0, walk);
	if (walked.filter((row) => row.hit).length > limit || walked.length < walk) return 'walked';
	const first = walked[0]!.key.getTime();
	const hits = walked.filter((row) => row.hit).length;
	const bound = first + ((walked.at(-1)!.key.getTime() - first) * widen * (limit + 1)) / (hits + 1);
	const [low, high] = [Math.min(first, bound), Math.max(first, bound)];
	const reached = rows.filter((row) => row.hit && row.key.getTime() >= low && row.key.getTime() <= high);
	if (reached.length <= limit) return 'indexed';
	if ((walk * widen * (limit + 1)) / (hits + 1) <= walkOn) return 'walkedOn';
	return hits || lone ? 'nearby' : 'indexed';
}

/** Whether the statement reads a search as one term (reach.lone). */
async function oneTerm(q: string, speaks: readonly string[] | undefined) {
	const filters = parseBoardFilters(new URLSearchParams({ q, ...(speaks ? { spoken: 'on' } : {}) }));
	const [row] = await db.$queryRaw<{ lone: boolean }[]>`SELECT ${oneTermQuery(filters, speaks)} AS lone`;
	return row!.lone;
}

async function everyPage(
	params: URLSearchParams,
	options: Strategy & { speaks: readonly string[] | undefined }
) {
	const ids: number[] = [];
	for (let cursor: string | null = null, pages = 0; pages < 50; pages++) {
		if (cursor) params.set('cursor', cursor);
		const page = await listBoard(parseBoardFilters(params), options);
		ids.push(...page.posts.map((post) => post.id));
		cursor = page.nextCursor;
		if (!cursor) break;
	}
	return ids;
}

it('lists what the naive query lists, page by page, for any search, languages, filters, sort and walk', async () => {
	const [a, b, c] = WORDS;
	const queries = [
		RUN,
		a,
		`${a} ${b}`,
		`${RUN} ${c}`,
		`${a} or ${b}`,
		`${RUN} -${a}`,
		`${RUN}none`,
		`"${b} ${c}"`
	];
	const branches = { indexed: 0, nearby: 0, walked: 0, walkedOn: 0 };
	const shape = fc.record({
		q: fc.option(fc.constantFrom(...queries!), { nil: undefined }),
		speaks: fc.option(fc.constantFrom(['es'], ['zh'], ['bn', 'ru'], ['ko']), { nil: undefined }),
		kind: fc.option(fc.constantFrom('NEED', 'OFFER'), { nil: undefined }),
		category: fc.option(fc.constantFrom('GROCERIES', 'RIDES', 'CHILDCARE'), { nil: undefined }),
		neighborhood: fc.option(fc.constantFrom(...SLUGS), { nil: undefined }),
		sort: fc.constantFrom('newest', 'soonest', 'longest'),
		limit: fc.integer({ min: 2, max: 7 }),
		walk: fc.integer({ min: 1, max: 12 }),
		widen: fc.constantFrom(0, 0.5, 2),
		walkOn: fc.constantFrom(0, 100)
	});
	await fc.assert(
		fc.asyncProperty(shape, async ({ walk, widen, walkOn, speaks, ...fields }) => {
			// The search is always narrowed to this run's posts, as the naive query is.
			const params = new URLSearchParams(
				Object.entries({ ...fields, q: fields.q ?? RUN, spoken: speaks ? 'on' : undefined }).flatMap(
					([key, value]) => (value === undefined ? [] : [[key, String(value)]])
				)
			);
			const rows = await naive(params, speaks ?? null);
			const lone = await oneTerm(fields.q ?? RUN, speaks);
			branches[branch(rows, { walk, widen, walkOn }, fields.limit, lone)]++;
			const expected = rows.filter((row) => row.hit).map((row) => row.id);
			expect(await everyPage(params, { walk, widen, walkOn, speaks })).toEqual(expected);
		}),
		{ numRuns: 100, seed: 13 }
	);
	expect(branches.indexed).toBeGreaterThan(10);
	expect(branches.walked).toBeGreaterThan(10);
});

/**
 * A date past any other test's posts (other files write posts while these run, some dated years
 * ahead), for posts that must be at the top of the board; the tests that use it remove them after.
 */
const TOP = Date.parse('2200-01-01T00:00:00Z');

/** Thirty posts in one neighborhood an hour apart, the newest at `top`, each titled by its place. */
async function thirtyAnHourApart(
	slug: string,
	details: string,
	title: (i: number) => string,
	top = Date.now()
) {
	const author = await db.user.findFirstOrThrow({ where: { email: `board-${RUN}@example.org` } });
	const place = await db.neighborhood.findFirstOrThrow({ where: { slug } });
	const network = (await networksTaking([place.id])).get(place.id)![0]!;
	await db.post.createMany({
		data: Array.from({ length: 30 }, (_, i) => ({
			kind: 'NEED' as const,
			category: 'GROCERIES' as const,
			title: title(i),
			details,
			neighborhoodId: place.id,
			networkId: network.id,
			timeWindow: 'THIS_WEEK' as const,
			dueAt: new Date(top + i * HOUR),
			languages: ['en'],
			authorId: author.id,
			createdAt: new Date(top - i * HOUR),
			expiresAt: new Date(top + 14 * 24 * HOUR)
		}))
	});
}

it('finds a page among the matches near the walk when the walk finds too few, in every sort', async () => {
	// Thirty posts an hour apart, every third with the word: a walk of six finds two, too few for a
	// page of three, and the stretch it reaches holds five, tested one by one or through the index. Too
	// short a stretch leaves it to all of the index's matches.
	const word = `${RUN}ny`;
	const details = `Nearby, ${word.slice(0, 4)}.`;
	await thirtyAnHourApart(SLUGS[0]!, details, (i) => (i % 3 ? 'Nothing to see' : `Wanted: ${word}`));
	for (const sort of ['newest', 'soonest', 'longest']) {
		const params = () => new URLSearchParams({ q: word, sort, limit: '3' });
		const rows = await naive(params(), null, details);
		const expected = rows.filter((row) => row.hit).map((row) => row.id);
		expect(expected).toHaveLength(10);
		for (const [strategy, taken] of [
			[{ walk: 6, widen: 2, walkOn: 100 }, 'walkedOn'],
			[{ walk: 6, widen: 2, walkOn: 0 }, 'nearby'],
			[{ walk: 6, widen: 0.5, walkOn: 100 }, 'indexed']
		] as const) {
			expect(branch(rows, strategy, 3)).toBe(taken);
			expect(await everyPage(params(), { ...strategy, speaks: undefined })).toEqual(expected);
		}
	}
});

type PlanNode = {
	'Subplan Name'?: string;
	'Relation Name'?: string;
	'Actual Loops': number;
	'Actual Rows': number;
	'Rows Removed by Filter'?: number;
	Plans?: PlanNode[];
};

/**
 * How often the statement scanned posts within one of its steps (a CTE), and how many posts those
 * scans read (kept or filtered out), from its plan.
 */
async function postsRead(query: Prisma.Sql, step: string) {
	// Under the board's own settings (listBoard), or a board this small is read in one sequential scan.
	const [, [explained]] = await db.$transaction([
		db.$executeRawUnsafe('SET LOCAL enable_seqscan = off'),
		db.$queryRaw<{ 'QUERY PLAN': [{ Plan: PlanNode }] }[]>(
			Prisma.sql`EXPLAIN (ANALYZE, FORMAT JSON) ${query}`
		)
	]);
	const [plan] = explained!['QUERY PLAN'];
	const read = { scans: 0, rows: 0 };
	const visit = (node: PlanNode, inStep: boolean) => {
		if (inStep && node['Relation Name'] === 'posts') {
			read.scans += node['Actual Loops'];
			read.rows += (node['Actual Rows'] + (node['Rows Removed by Filter'] ?? 0)) * node['Actual Loops'];
		}
		for (const child of node.Plans ?? []) visit(child, inStep || child['Subplan Name'] === `CTE ${step}`);
	};
	visit(plan.Plan, false);
	return read;
}

it('walks on from where the walk ended, keeping its matches, to the post that fills the page', async () => {
	// Thirty posts an hour apart at the top of the board, every third with the word: a walk of six finds
	// two, and walking on reads the posts after it up to the fourth match (the statement asks for one
	// more than a page of three).
	const word = `${RUN}wo`;
	const details = `Ahead, ${word.slice(0, 4)}.`;
	const title = (i: number) => (i % 3 ? 'Nothing to see' : `Wanted: ${word}`);
	await thirtyAnHourApart(SLUGS[2]!, details, title, TOP);
	try {
		const strategy = { walk: 6, widen: 2, walkOn: 100 };
		const filters = parseBoardFilters(new URLSearchParams({ q: word, limit: '3' }));
		const rows = await naive(new URLSearchParams({ q: word }), null, details);
		expect(branch(rows, strategy, 3)).toBe('walkedOn');
		expect(await postsRead(boardQuery(filters, strategy), 'walked_on')).toEqual({ scans: 1, rows: 4 });
		const page = await listBoard(filters, strategy);
		expect(page.posts.map((post) => post.id)).toEqual(
			rows
				.filter((row) => row.hit)
				.slice(0, 3)
				.map((row) => row.id)
		);
	} finally {
		await db.post.deleteMany({ where: { details } });
	}
});

it('when the walk found no match, looks near it for one word, and asks the index once, for all its matches, for several', async () => {
	// Thirty posts an hour apart at the top of the board, the word in every other one of the oldest
	// twenty: a walk of six finds none.
	const word = `${RUN}nz`;
	const details = `None near, ${word.slice(0, 4)}.`;
	const title = (i: number) => (i >= 10 && i % 2 ? `Offered: ${word}` : 'Nothing to see');
	await thirtyAnHourApart(SLUGS[1]!, details, title, TOP);
	try {
		const strategy = { walk: 6, widen: 2, walkOn: 0 };
		const read = (q: string, step: string) =>
			postsRead(boardQuery(parseBoardFilters(new URLSearchParams({ q, limit: '3' })), strategy), step);
		const listed = (q: string) =>
			everyPage(new URLSearchParams({ q, limit: '3' }), { ...strategy, speaks: undefined });
		const several = `offered ${word}`;
		// One word the walk did not meet is rare or absent, and the index's list of it short: the stretch
		// the walk reaches is searched through it, so a rare word's far matches are not fetched. Several
		// words may each be common and never together (a typo beside a word, two needs no one posted at
		// once), which the index can only tell by reading every post holding them: it is asked that once,
		// for all its matches.
		for (const [q, lone, taken, passed] of [
			[word, true, 'nearby', 'indexed'],
			[several, false, 'indexed', 'nearby']
		] as const) {
			const rows = await naive(new URLSearchParams({ q }), null, details);
			expect(rows.filter((row) => row.hit)).toHaveLength(10);
			expect(await oneTerm(q, undefined)).toBe(lone);
			expect(branch(rows, strategy, 3, lone)).toBe(taken);
			expect(await read(q, taken)).toMatchObject({ scans: 1 });
			expect(await read(q, passed)).toMatchObject({ scans: 0 });
			expect(await listed(q)).toEqual(rows.filter((row) => row.hit).map((row) => row.id));
		}

		// One match within the walk, and the stretch is searched through the index as before.
		const nearer = await db.post.findFirstOrThrow({ where: { details }, orderBy: { createdAt: 'desc' } });
		await db.post.update({ where: { id: nearer.id }, data: { title: `Offered: ${word}` } });
		expect(await read(several, 'nearby')).toMatchObject({ scans: 1 });
	} finally {
		await db.post.deleteMany({ where: { details } });
	}
});

/** Holds a lock every board query waits for, so a query runs out of time for certain. */
async function whileBoardLocked<T>(run: () => Promise<T>, releaseAfterMs?: number) {
	const locker = new pg.Client({ connectionString: testDatabaseUrl() });
	await locker.connect();
	await locker.query('BEGIN');
	await locker.query('LOCK TABLE boroughs IN ACCESS EXCLUSIVE MODE');
	const release = () => locker.query('ROLLBACK').then(() => locker.end());
	const timer = releaseAfterMs ? setTimeout(() => void release(), releaseAfterMs) : undefined;
	try {
		return await run();
	} finally {
		if (!timer) await release();
	}
}

/**
 * PostgreSQL stops a statement past statement_timeout; the embedded PGlite has no timers and runs one
 * session at a time, so there the guard cannot act (and a lock held elsewhere just queues the page).
 * Each test below checks what the database it runs on can do: CI runs them on PostgreSQL.
 */
async function serverEnforcesTimeouts() {
	const client = new pg.Client({ connectionString: testDatabaseUrl() });
	await client.connect();
	try {
		await client.query("SET statement_timeout = '50ms'");
		await client.query('SELECT pg_sleep(0.3)');
		return false;
	} catch (error) {
		return (error as { code?: string }).code === '57014';
	} finally {
		await client.end();
	}
}

it('stops a board query that runs past its time, as BoardTooSlow', async () => {
	const filters = parseBoardFilters(new URLSearchParams({ q: RUN }));
	if (await serverEnforcesTimeouts()) {
		await whileBoardLocked(async () => {
			await expect(listBoard(filters, { timeoutMs: 100 })).rejects.toBeInstanceOf(BoardTooSlow);
		});
	} else {
		// Setting the timeout must at least never break the board where it cannot act.
		expect((await listBoard(filters, { timeoutMs: 1 })).posts.length).toBeGreaterThan(0);
	}
	expect((await listBoard(filters)).posts.length).toBeGreaterThan(0);
});

it('lets searches take turns, a few at a time, while a plain page of the board never waits for them', async () => {
	const search = () => listBoard(parseBoardFilters(new URLSearchParams({ q: WORDS[0]! })));
	const alone = (await search()).posts.map((post) => post.id);
	expect(alone.length).toBeGreaterThan(0);
	const searches = Array.from({ length: 5 }, search);
	expect(searchTurns.activeCount).toBe(SEARCHES_AT_ONCE);
	expect(searchTurns.pendingCount).toBe(5 - SEARCHES_AT_ONCE);
	const plain = listBoard(parseBoardFilters(new URLSearchParams({ neighborhood: SLUGS[0]! })));
	expect(searchTurns.pendingCount).toBe(5 - SEARCHES_AT_ONCE);
	for (const page of await Promise.all(searches)) expect(page.posts.map((post) => post.id)).toEqual(alone);
	expect((await plain).posts.length).toBeGreaterThan(0);
	expect(searchTurns.activeCount + searchTurns.pendingCount).toBe(0);
});

it("counts the wait for a turn against a search's time, and answers BoardTooSlow when it runs out", async () => {
	let release!: () => void;
	const busy = new Promise<void>((done) => (release = done));
	const turns = Array.from({ length: SEARCHES_AT_ONCE }, () => searchTurns(() => busy));
	const waiting = listBoard(parseBoardFilters(new URLSearchParams({ q: WORDS[0]! })), { timeoutMs: 5 });
	await new Promise((done) => setTimeout(done, 20));
	release();
	await Promise.all(turns);
	await expect(waiting).rejects.toBeInstanceOf(BoardTooSlow);
	expect(
		(await listBoard(parseBoardFilters(new URLSearchParams({ q: WORDS[0]! })))).posts.length
	).toBeGreaterThan(0);
});

it('tells the person the search took too long, on the board and in the API, instead of a 500', async () => {
	const path = `/board?q=${RUN}`;
	const load = () =>
		Promise.all([
			requestEvent({ path }).then((event) => boardPage.load(event as never)),
			requestEvent({ path: path.replace('/board', '/api/posts') }).then((event) =>
				postsApi.GET(event as never)
			)
		]);
	if (!(await serverEnforcesTimeouts())) {
		const [page, api] = await load();
		expect(page).toMatchObject({ tooSlow: false });
		expect(api.status).toBe(200);
		return;
	}
	// The board's own timeout; the lock outlasts it, then lets the page's other queries through.
	const [page, api] = await whileBoardLocked(load, 2_500);
	expect(page).toMatchObject({ tooSlow: true, posts: [] });
	expect(api.status).toBe(503);
	expect(await api.json()).toEqual({ error: 'That search took too long. Try fewer words or a filter.' });
});
