import { Prisma } from '../src/lib/server/db/generated/client.ts';
import { connectDatabase, disconnectDatabase, db } from '../src/lib/server/db/index.ts';
import { boardQuery, parseBoardFilters } from '../src/lib/server/posts/board.ts';
connectDatabase(process.env.DATABASE_URL!, 2);
const [query, speaks] = [process.argv[2]!, process.argv[3]?.split(',')];
const sql = boardQuery(parseBoardFilters(new URLSearchParams(query)), { speaks });
const [, plan] = await db.$transaction([
	db.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`),
	db.$queryRaw<{ 'QUERY PLAN': string }[]>(Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${sql}`)
]);
console.log(plan.map((row) => row['QUERY PLAN']).join('\n'));
await disconnectDatabase();
