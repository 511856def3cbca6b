// The embedded database is one PostgreSQL session shared by every connection. This fires a few hundred
// of the app's own reads, writes and transactions at it at once and checks each answer against the
// same work done one step at a time on a separate PostgreSQL (the real server when DATABASE_URL is set,
// as in CI; otherwise a second embedded database, which cannot interleave when used serially).
import pg from 'pg';
import { afterAll, expect, it } from 'vitest';
import { acceptClaim } from '../claims/lifecycle.ts';
import { runScheduledJobs } from '../jobs.ts';
import { listBoard, type BoardFilters } from '../posts/board.ts';
import { migrate } from '../startup.ts';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.ts';
import { connectDatabase, db, disconnectDatabase } from './index.ts';
import { testDatabaseUrl } from '../../../../tests/support/database.ts';

const ORIGIN = 'https://each.test';
const NOW = new Date('2031-03-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;
const WORDS = ['soup', 'bread', 'diapers', 'rides', 'winter coats'];
const READ_POSTS = 40;
const CLAIMED_POSTS = 60;
const JOB_POSTS = 20;

const embedded: EmbeddedDatabase[] = [];
let dropReference = async () => {};
afterAll(async () => {
	await disconnectDatabase();
	for (const database of embedded) await database.stop();
	await dropReference();
});

async function startEmbedded() {
	const database = await startEmbeddedDatabase({ port: 0, maxConnections: 20 });
	embedded.push(database);
	return database.url;
}

/** A scratch database on the real server, named after the run's own test database so runs never collide. */
async function referenceUrl(): Promise<string> {
	if (!process.env.DATABASE_URL) return startEmbedded();
	const url = new URL(testDatabaseUrl());
	const name = `${url.pathname.slice(1)}_reference`;
	const adminUrl = new URL(url);
	adminUrl.pathname = '/postgres';
	const admin = async (sql: string) => {
		const client = new pg.Client({ connectionString: adminUrl.toString() });
		await client.connect();
		try {
			await client.query(sql);
		} finally {
			await client.end();
		}
	};
	await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	await admin(`CREATE DATABASE "${name}"`);
	dropReference = () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
	url.pathname = `/${name}`;
	return url.toString();
}

interface Fixture {
	readSlug: string;
	readIds: number[];
	claimIds: number[];
}

/** Everything with fixed ids and timestamps, so both databases hold the same rows. */
async function buildFixture(): Promise<Fixture> {
	const borough = await db.borough.create({ data: { id: 1, name: 'Brooklyn', slug: 'brooklyn' } });
	const neighborhood = await db.neighborhood.create({
		data: {
			ntaCode: 'BK0101',
			name: 'Greenpoint',
			slug: 'greenpoint',
			boroughId: borough.id,
			communityDistrict: '301',
			ntaType: 'RESIDENTIAL'
		}
	});
	const [readNetwork, writeNetwork] = await Promise.all(
		['reading', 'writing'].map((slug) =>
			db.network.create({ data: { name: `${slug} network`, slug, boroughId: borough.id } })
		)
	);
	const helpers = Array.from({ length: CLAIMED_POSTS }, (_, i) => `helper-${i}`);
	await db.user.createMany({
		data: [
			{ id: 'poster', email: 'poster@example.org', name: 'Poster', uiLocale: 'en' },
			...helpers.map((id) => ({ id, email: `${id}@example.org`, name: id, uiLocale: 'en' }))
		]
	});
	const post = (i: number, networkId: number, expiresAt: Date) => ({
		kind: 'NEED' as const,
		title: `${WORDS[i % WORDS.length]} for block ${i}`,
		details: `Post ${i}: ${WORDS[(i * 3) % WORDS.length]} please`,
		category: 'GROCERIES' as const,
		neighborhoodId: neighborhood.id,
		networkId,
		timeWindow: 'BY_DATE' as const,
		dueAt: new Date(NOW.getTime() + ((i * 7) % 30) * DAY),
		createdAt: new Date(NOW.getTime() - i * 60_000),
		expiresAt,
		languages: [],
		authorId: 'poster'
	});
	const farAway = new Date(NOW.getTime() + 60 * DAY);
	let n = 0;
	const create = (networkId: number, expiresAt: Date) =>
		db.post.create({ data: post(n++, networkId, expiresAt), select: { id: true } });
	const readIds: number[] = [];
	for (let i = 0; i < READ_POSTS; i++) readIds.push((await create(readNetwork!.id, farAway)).id);
	const claimIds: number[] = [];
	for (const helper of helpers) {
		const { id } = await create(writeNetwork!.id, farAway);
		const claim = await db.claim.create({
			data: { postId: id, claimantId: helper, note: 'I can help', createdAt: new Date(NOW.getTime() - DAY) }
		});
		claimIds.push(claim.id);
	}
	// Half of these expire when the jobs run; the other half are due a "still needed?" reminder.
	for (let i = 0; i < JOB_POSTS; i++) {
		await create(writeNetwork!.id, new Date(NOW.getTime() + (i % 2 ? DAY : -DAY)));
	}
	return { readSlug: readNetwork!.slug, readIds, claimIds };
}

type Operation = () => Promise<unknown>;

/** The mix: board pages, lookups with varying parameter counts, accepts, read transactions and jobs. */
function operations({ readSlug, readIds, claimIds }: Fixture, raw: pg.Pool): Operation[] {
	const sorts = ['newest', 'soonest', 'longest'] as const;
	const board = (i: number): Operation => {
		const filters: BoardFilters = {
			network: readSlug,
			sort: sorts[i % 3]!,
			limit: 5 + (i % 30),
			q: i % 4 === 0 ? WORDS[i % WORDS.length] : undefined,
			spoken: false
		};
		// Searches take turns (SEARCHES_AT_ONCE), and the wait counts against the board's time: with
		// hundreds queued at once the last would be told to narrow their search, which is load too.
		return () => listBoard(filters, { timeoutMs: 120_000 });
	};
	const lookup = (i: number): Operation => {
		const ids = readIds.slice(i % 7, (i % 7) + 1 + ((i * 11) % 33));
		return () =>
			db.post.findMany({
				where: { id: { in: ids } },
				select: { id: true, title: true },
				orderBy: { id: 'asc' }
			});
	};
	const readTransaction =
		(i: number): Operation =>
		() =>
			db.$transaction(async (tx) => [
				await tx.post.count({ where: { network: { slug: readSlug } } }),
				await tx.post.findUnique({ where: { id: readIds[i % readIds.length]! }, select: { title: true } })
			]);
	const otherClient =
		(i: number): Operation =>
		() =>
			raw
				.query('SELECT id, details FROM posts WHERE id = ANY($1::int[]) ORDER BY id', [readIds.slice(i % 9)])
				.then((result) => result.rows);
	const mix: Operation[] = [];
	for (let i = 0; i < 60; i++) {
		mix.push(board(i), lookup(i), board(i + 60));
		mix.push(() => acceptClaim(claimIds[i]!, ORIGIN, NOW).then(() => 'accepted'));
		if (i % 3 === 0) mix.push(readTransaction(i), otherClient(i));
		// The jobs' own counts depend on which run gets there first; their effects are compared below.
		if (i % 6 === 0) mix.push(() => runScheduledJobs(ORIGIN, NOW).then(() => 'jobs ran'));
	}
	return mix;
}

async function finalState() {
	return {
		posts: await db.post.findMany({
			select: { id: true, status: true, reminderSentAt: true, closedAt: true },
			orderBy: { id: 'asc' }
		}),
		claims: await db.claim.findMany({
			select: { id: true, status: true, acceptedAt: true },
			orderBy: { id: 'asc' }
		}),
		mail: (await db.outboxMessage.findMany({ select: { toAddress: true, subject: true, text: true } }))
			.map((mail) => JSON.stringify(mail))
			.sort()
	};
}

async function run(url: string, poolSize: number, concurrently: boolean) {
	await migrate(url, () => {});
	// Hundreds of operations queue for five connections to a database that runs one at a time; on a busy
	// machine the last wait longer than the app's 5 s, which is load, not the mix-up this test looks for.
	connectDatabase(url, poolSize, 60_000);
	const raw = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 60_000 });
	try {
		const ops = operations(await buildFixture(), raw);
		let answers: PromiseSettledResult<unknown>[];
		if (concurrently) {
			answers = await withinSeconds(90, Promise.allSettled(ops.map((op) => op())));
		} else {
			answers = [];
			for (const op of ops) answers.push(await op().then(fulfilled, rejected));
		}
		return { answers: answers.map(outcome), state: await finalState() };
	} finally {
		await raw.end();
		await disconnectDatabase();
	}
}

/** A stuck session shows up as a clear failure instead of a test that never ends. */
async function withinSeconds<T>(seconds: number, work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const hang = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error('the embedded database stopped answering')), seconds * 1000);
	});
	try {
		return await Promise.race([work, hang]);
	} finally {
		clearTimeout(timer);
	}
}

const fulfilled = (value: unknown): PromiseSettledResult<unknown> => ({ status: 'fulfilled', value });
const rejected = (reason: unknown): PromiseSettledResult<unknown> => ({ status: 'rejected', reason });
const outcome = (answer: PromiseSettledResult<unknown>) =>
	answer.status === 'fulfilled' ? answer.value : `failed: ${String(answer.reason)}`;

it('answers a few hundred concurrent queries and transactions exactly as PostgreSQL does, one at a time', async () => {
	const expected = await run(await referenceUrl(), 1, false);
	expect(expected.answers.filter((a) => typeof a === 'string' && a.startsWith('failed'))).toEqual([]);
	const actual = await run(await startEmbedded(), 5, true);
	expect(actual.answers).toEqual(expected.answers);
	expect(actual.state).toEqual(expected.state);
}, 240_000);
