// npm run bench [-- --posts 100000 --runs 30]: how fast the board and search are with many posts.
// Uses DATABASE_URL, or an embedded database in .data/bench that is kept between runs (seeding is
// the slow part). Prints p50/p95 per view and the query plans. Timing targets live here, not in tests.
import { parseArgs } from 'node:util';
import { Prisma } from '../src/lib/server/db/generated/client.ts';
import { connectDatabase, disconnectDatabase, db } from '../src/lib/server/db/index.ts';
import { seedPlaces } from '../src/lib/server/places/seed.ts';
import { boardQuery, listBoard, parseBoardFilters } from '../src/lib/server/posts/board.ts';
import { seedDemoPosts } from '../src/lib/server/posts/demo.ts';
import { migrate, openDatabase } from '../src/lib/server/startup.ts';

const { values } = parseArgs({
	options: { posts: { type: 'string', default: '100000' }, runs: { type: 'string', default: '30' } }
});
const wanted = Number(values.posts);
const runs = Number(values.runs);
process.env.DATA_DIR ||= '.data/bench';

const VIEWS: Record<string, string> = {
	'board, newest': '',
	'board, needed soonest': 'sort=soonest',
	'board, waiting longest': 'sort=longest',
	'needs in groceries': 'kind=NEED&category=GROCERIES',
	'one neighborhood': 'neighborhood=bushwick-west',
	'one borough': 'borough=queens',
	'one network': 'network=astoria-mutual-aid-network',
	'search "crib"': 'q=crib',
	'search "rides tuesdays"': 'q=rides%20tuesdays',
	'search + neighborhood': 'q=groceries&neighborhood=kensington'
};

const database = await openDatabase();
try {
	await migrate(database.url);
	connectDatabase(database.url, 5);
	await seedPlaces();
	const existing = await db.post.count();
	if (existing < wanted) {
		console.log(`Seeding ${wanted - existing} demo posts (${existing} already there)...`);
		await seedDemoPosts(wanted - existing, () => {});
		await db.$executeRawUnsafe('ANALYZE');
	}
	console.log(`\n${await db.post.count()} posts, ${runs} runs per view, page size 20\n`);
	console.log('view'.padEnd(28), 'p50 ms'.padStart(8), 'p95 ms'.padStart(8), 'page 2 p50'.padStart(11));
	for (const [name, query] of Object.entries(VIEWS)) {
		const times: number[] = [];
		const pageTwo: number[] = [];
		for (let i = 0; i < runs; i++) {
			const started = performance.now();
			const first = await listBoard(parseBoardFilters(new URLSearchParams(query)));
			times.push(performance.now() - started);
			if (first.nextCursor) {
				const params = new URLSearchParams(query);
				params.set('cursor', first.nextCursor);
				const again = performance.now();
				await listBoard(parseBoardFilters(params));
				pageTwo.push(performance.now() - again);
			}
		}
		const pct = (list: number[], p: number) =>
			list.length
				? [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))]!
				: NaN;
		console.log(
			name.padEnd(28),
			pct(times, 0.5).toFixed(1).padStart(8),
			pct(times, 0.95).toFixed(1).padStart(8),
			pct(pageTwo, 0.5).toFixed(1).padStart(11)
		);
	}
	for (const name of ['board, newest', 'one neighborhood', 'search "crib"']) {
		const query = boardQuery(parseBoardFilters(new URLSearchParams(VIEWS[name])));
		const plan = await db.$queryRaw<{ 'QUERY PLAN': string }[]>(
			Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${query}`
		);
		console.log(`\nEXPLAIN ANALYZE: ${name}\n${plan.map((row) => row['QUERY PLAN']).join('\n')}`);
	}
} finally {
	await disconnectDatabase();
	await database.stop();
}
