// npm run bench [-- --posts 100000 --runs 30 --plans]: how fast the board, search and the reminder job
// are with many posts, including the shapes that once read every open post (a word nobody used, a
// filter combination with no posts, common words), and how much ten worst-case searches at once slow
// the board for everyone else. Uses DATABASE_URL, or an embedded database in .data/bench; the
// database is kept between runs (seeding is the slow part). Results go to .data/bench-results/N.json;
// `npm run bench -- --compare 10000,1000000` prints the ratio between two sizes (target: ≤ 1.5×, and
// under 20 ms at a million). `--posts 10000,1000000` measures both sizes in one run instead, taking
// turns run by run (bench/side-by-side.ts), so a shared machine's slow minutes fall on both alike.
// Timing targets live here, not in tests.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Prisma } from '../src/lib/server/db/generated/client.ts';
import { connectDatabase, disconnectDatabase, db } from '../src/lib/server/db/index.ts';
import { seedPlaces } from '../src/lib/server/places/seed.ts';
import { BoardTooSlow, boardQuery, listBoard, parseBoardFilters } from '../src/lib/server/posts/board.ts';
import { postsDueReminder } from '../src/lib/server/posts/lifecycle.ts';
import { migrate, openDatabase } from '../src/lib/server/startup.ts';
import { loadUnder } from './bench/concurrency.ts';
import { bulkSeedDemoPosts, markRemindersSent } from './bench/seed.ts';
import { compare, percentile, RESULTS, type Result, type Timing } from './bench/results.ts';
import { benchSizes, measureSideBySide, serveSideBySide } from './bench/side-by-side.ts';

const { values } = parseArgs({
	options: {
		posts: { type: 'string', default: '100000' },
		runs: { type: 'string', default: '30' },
		plans: { type: 'boolean', default: false },
		compare: { type: 'string' },
		/** Set by measureSideBySide for the process it starts per size. */
		'side-by-side': { type: 'boolean', default: false }
	}
});
if (values.compare) {
	compare(values.compare.split(',').map(Number));
	process.exit(0);
}
const sizes = benchSizes(values.posts);
const runs = Number(values.runs);

/** Board views; the last ones are the shapes that read every open post before the filter indexes. */
const VIEWS: Record<string, string> = {
	'board, newest': '',
	'board, needed soonest': 'sort=soonest',
	'board, waiting longest': 'sort=longest',
	offers: 'kind=OFFER',
	'needs in groceries': 'kind=NEED&category=GROCERIES',
	'needs in groceries, soonest': 'kind=NEED&category=GROCERIES&sort=soonest',
	'one neighborhood': 'neighborhood=bushwick-west',
	'one neighborhood, soonest': 'neighborhood=bushwick-west&sort=soonest',
	'one borough': 'borough=queens',
	'one network': 'network=astoria-mutual-aid-network',
	'search "crib"': 'q=crib',
	'search "rides tuesdays"': 'q=rides%20tuesdays',
	'"rides tuesdays", soonest': 'q=rides%20tuesdays&sort=soonest',
	'"rides tuesdays", longest': 'q=rides%20tuesdays&sort=longest',
	'search "help" (common)': 'q=help',
	// A word in one post of 135: too rare for the walk to fill a page, too common to fetch every match.
	'"crib", soonest': 'q=crib&sort=soonest',
	// A filter's own index and the search's, ANDed over the stretch the walk reaches (board-query.ts).
	'"crib", one borough': 'q=crib&borough=queens',
	'search + neighborhood': 'q=groceries&neighborhood=kensington',
	'no match "zzzz"': 'q=zzzz',
	'no match "zzzz", soonest': 'q=zzzz&sort=soonest',
	'no match "zzzz", longest': 'q=zzzz&sort=longest',
	'no match, two common words': 'q=groceries%20rides',
	'no posts: NEED+CHILDCARE': 'kind=NEED&category=CHILDCARE',
	'no posts: NEED+CHILDCARE, soon': 'kind=NEED&category=CHILDCARE&sort=soonest',
	'no posts: category OTHER': 'category=OTHER',
	'no posts: OTHER, longest': 'category=OTHER&sort=longest',
	'no posts: nbhd+NEED+CHILDCARE': 'neighborhood=bushwick-west&kind=NEED&category=CHILDCARE',
	// Language-aware search (the demo posts are half English, a fifth Spanish, the rest in ten others).
	'Spanish stem "mudanzas"': 'q=mudanzas',
	'Chinese inside a word "搬家"': 'q=%E6%90%AC%E5%AE%B6',
	'Bengali inside a word "বাড়ি"': 'q=%E0%A6%AC%E0%A6%BE%E0%A6%A1%E0%A6%BC%E0%A6%BF',
	'Russian stem "продукт", soonest': 'q=%D0%BF%D1%80%D0%BE%D0%B4%D1%83%D0%BA%D1%82&sort=soonest',
	// "In a language I speak": the languages are the signed-in person's (SPEAKS below).
	'speaks en+es': 'spoken=on',
	'speaks Korean (rare)': 'spoken=on',
	'speaks Korean + "crib"': 'spoken=on&q=crib',
	'speaks Korean, one neighborhood': 'spoken=on&neighborhood=bushwick-west'
};
/** Who is asking, for the views filtered to the languages they speak. */
const SPEAKS: Record<string, string[]> = {
	'speaks en+es': ['en', 'es'],
	'speaks Korean (rare)': ['ko'],
	'speaks Korean + "crib"': ['ko'],
	'speaks Korean, one neighborhood': ['ko']
};
/** What ten people typing at once might send to slow the board down. */
const WORST = [
	'q=zzzz',
	'q=groceries%20rides',
	'q=rides%20tuesdays&sort=soonest',
	'kind=NEED&category=CHILDCARE'
];

const board = (query: string, speaks?: string[]) =>
	listBoard(parseBoardFilters(new URLSearchParams(query)), { speaks });

const REMINDERS = 'reminder job, nothing due';

/** One run of a view (or of the reminder job): how long it took, and whether it hit the timeout. */
async function runOnce(name: string) {
	const started = performance.now();
	const action = name === REMINDERS ? postsDueReminder(new Date()) : board(VIEWS[name]!, SPEAKS[name]);
	const timedOut = await action.then(
		() => false,
		(error: unknown) => {
			if (!(error instanceof BoardTooSlow)) throw error;
			return true;
		}
	);
	return { ms: performance.now() - started, timedOut };
}

async function time(name: string): Promise<Timing> {
	const times: number[] = [];
	let timedOut = 0;
	for (let i = 0; i < runs; i++) {
		const run = await runOnce(name);
		times.push(run.ms);
		if (run.timedOut) timedOut++;
	}
	return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), timedOut };
}

/** A view's plan, under the board's own settings (listBoard's transaction), or it is not the one timed. */
async function explain(name: string, options: string) {
	const query = boardQuery(parseBoardFilters(new URLSearchParams(VIEWS[name])), { speaks: SPEAKS[name] });
	const [, plan] = await db.$transaction([
		db.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`),
		db.$queryRaw<{ 'QUERY PLAN': unknown }[]>(Prisma.sql`EXPLAIN (${Prisma.raw(options)}) ${query}`)
	]);
	return plan;
}

/**
 * How many 8 KB blocks the view's statement touches: unlike its time, the same on a busy machine as on
 * an idle one, so it shows how a shape grows with the board even when the timings are noisy.
 */
async function blocksRead(name: string) {
	const [row] = await explain(name, 'ANALYZE, BUFFERS, FORMAT JSON');
	const [{ Plan: plan }] = row!['QUERY PLAN'] as [{ Plan: Record<string, number> }];
	return plan['Shared Hit Blocks']! + plan['Shared Read Blocks']!;
}

/** The database for this many posts, migrated and seeded, vacuumed as autovacuum would leave it. */
async function prepare(wanted: number) {
	const database = await openDatabase();
	await migrate(database.url);
	connectDatabase(database.url, 5);
	await seedPlaces();
	const existing = await db.post.count();
	if (existing < wanted) {
		console.log(`Seeding ${wanted - existing} demo posts (${existing} already there)...`);
		await bulkSeedDemoPosts(wanted - existing, (line) => process.stdout.write(`\r${line}`));
		console.log();
	}
	await markRemindersSent();
	// A bulk insert leaves a long GIN pending list that every search would scan; autovacuum clears it.
	await db.$executeRawUnsafe('VACUUM ANALYZE posts');
	return { database, posts: await db.post.count() };
}

const NAMES = [...Object.keys(VIEWS), REMINDERS];

if (sizes.length > 1) {
	await measureSideBySide(sizes, NAMES, runs);
} else if (values['side-by-side']) {
	const { database, posts } = await prepare(sizes[0]!);
	await serveSideBySide(posts, {
		run: runOnce,
		blocks: (name) => (name === REMINDERS ? Promise.resolve(undefined) : blocksRead(name)),
		stop: async () => {
			await disconnectDatabase();
			await database.stop();
		}
	});
} else {
	process.env.DATA_DIR ||= '.data/bench';
	const { database, posts } = await prepare(sizes[0]!);
	try {
		await measureAlone(posts);
	} finally {
		await disconnectDatabase();
		await database.stop();
	}
}

async function measureAlone(posts: number) {
	console.log(`\n${posts} posts, ${runs} runs per view, page size 20\n`);
	console.log('view'.padEnd(34), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'blocks'.padStart(8));
	const result: Result = { posts, at: new Date().toISOString(), views: {} };
	const show = (name: string, timing: Timing) => {
		result.views[name] = timing;
		const note = timing.timedOut ? `  (${timing.timedOut} timed out)` : '';
		const blocks = String(timing.blocks ?? '').padStart(8);
		console.log(
			name.padEnd(34),
			timing.p50.toFixed(1).padStart(8),
			timing.p95.toFixed(1).padStart(8),
			blocks,
			note
		);
	};
	for (const name of Object.keys(VIEWS))
		show(name, { ...(await time(name)), blocks: await blocksRead(name) });
	show(REMINDERS, await time(REMINDERS));

	console.log('\nThe board (newest) while ten others read at once, p50 ms:');
	const alone = result.views['board, newest']!.p50;
	const readers = await loadUnder(10, [''], () => board(''));
	const searchers = await loadUnder(10, WORST, () => board(''));
	result.concurrency = { alone, tenReaders: readers.p50, tenWorstSearches: searchers.p50 };
	console.log(`  alone ${alone.toFixed(1)}; with ten board readers ${readers.p50.toFixed(1)}`);
	console.log(
		`  with ten worst-case searches ${searchers.p50.toFixed(1)} (slowdown ${(searchers.p50 / alone).toFixed(1)}× alone, ${(searchers.p50 / readers.p50).toFixed(1)}× ten readers; ${searchers.failed} searches and ${searchers.measuredFailed} board reads failed)`
	);
	mkdirSync(RESULTS, { recursive: true });
	writeFileSync(`${RESULTS}/${posts}.json`, JSON.stringify(result, null, '\t'));

	const planned = values.plans ? Object.keys(VIEWS) : ['no match "zzzz"', 'search "rides tuesdays"'];
	for (const name of planned) {
		const plan = await explain(name, 'ANALYZE, BUFFERS');
		console.log(`\nEXPLAIN ANALYZE: ${name}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
	}
}
