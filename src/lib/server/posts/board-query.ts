// The board's one SQL statement: open posts filtered, searched, sorted and cut into keyset pages.
// Filters ride on indexes that start with their columns (see the Post model). A search cannot: the
// GIN index finds matches but in no order, and the sort order's index finds order but must test
// every post until enough match. Which is fast depends on how many posts match — a word nobody
// used must go through GIN, a word in every tenth post through the ordered walk — and the planner's
// guess at that count is what made searches slow. So the statement counts the matches itself, up
// to SEARCH_MATCH_CAP, and takes the branch that count calls for.
import { Prisma } from '../db/generated/client.ts';
import type { BoardSort } from '../../posts.ts';
import { PLACES_TAKEN, sqlList } from '../claims/capacity.ts';
import type { BoardFilters, BoardRow } from './board.ts';

/**
 * Below this many matches, sorting the matches costs less than walking the sort order; at or above
 * it, one in every (open posts / cap) posts matches, so a page of the walk reads a bounded number
 * of rows. Counting stops here, so a common word costs no more to count than a rare one.
 */
export const SEARCH_MATCH_CAP = 1000;

interface SortSpec {
	column: Prisma.Sql;
	direction: 'ASC' | 'DESC';
	key: (row: BoardRow) => Date;
}

export const SORTS: Record<BoardSort, SortSpec> = {
	newest: { column: Prisma.sql`p.created_at`, direction: 'DESC', key: (row) => row.createdAt },
	soonest: { column: Prisma.sql`p.due_at`, direction: 'ASC', key: (row) => row.dueAt },
	longest: { column: Prisma.sql`p.created_at`, direction: 'ASC', key: (row) => row.createdAt }
};

/** An opaque cursor: the last row's sort value and id. */
export function encodeCursor(value: Date, id: number) {
	return Buffer.from(JSON.stringify([value.toISOString(), id])).toString('base64url');
}

function decodeCursor(cursor: string | undefined): [Date, number] | null {
	if (!cursor) return null;
	try {
		const [iso, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, number];
		const date = new Date(iso);
		return Number.isNaN(date.getTime()) || !Number.isInteger(id) ? null : [date, id];
	} catch {
		return null;
	}
}

/**
 * Only open posts show on the board, the API and the feeds. The search is written as a function
 * call, which the GIN index cannot serve, so the planner keeps to the sort order's index.
 */
function conditions(filters: BoardFilters, sort: SortSpec) {
	const list: Prisma.Sql[] = [Prisma.sql`p.status = 'OPEN'`];
	if (filters.kind) list.push(Prisma.sql`p.kind = ${filters.kind}::"PostKind"`);
	if (filters.category) list.push(Prisma.sql`p.category = ${filters.category}::"PostCategory"`);
	if (filters.neighborhood) {
		list.push(
			Prisma.sql`p.neighborhood_id = (SELECT id FROM neighborhoods WHERE slug = ${filters.neighborhood})`
		);
	}
	// An array, not IN (subquery): as a join, the planner fetched and sorted every post in the
	// borough (half the board) rather than walk the sort order's index, where every other post is in it.
	if (filters.borough) {
		list.push(
			Prisma.sql`p.neighborhood_id = ANY (ARRAY(SELECT n.id FROM neighborhoods n JOIN boroughs b ON b.id = n.borough_id WHERE b.slug = ${filters.borough}))`
		);
	}
	if (filters.network) {
		list.push(Prisma.sql`p.network_id = (SELECT id FROM networks WHERE slug = ${filters.network})`);
	}
	if (filters.q) list.push(Prisma.sql`ts_match_vq(p.search, search_query(${filters.q}))`);
	const after = decodeCursor(filters.cursor);
	if (after) {
		const [value, id] = after;
		list.push(
			sort.direction === 'DESC'
				? Prisma.sql`(${sort.column}, p.id) < (${value}, ${id})`
				: Prisma.sql`(${sort.column}, p.id) > (${value}, ${id})`
		);
	}
	return list;
}

const where = (conditions: Prisma.Sql[]) => Prisma.join(conditions, ' AND ');

/** The search as the GIN index serves it; search_query (search_languages migration) reads it in every language. */
const search = (q: string) => Prisma.sql`p.search @@ search_query(${q})`;

/** The ids on the page, in order: a CTE named "page". */
function pageIds(filters: BoardFilters, sort: SortSpec, limit: number, cap: number) {
	const direction = Prisma.raw(sort.direction);
	const walk = (gate: Prisma.Sql[]) => Prisma.sql`
		SELECT p.id FROM posts p WHERE ${where([...gate, ...conditions(filters, sort)])}
		 ORDER BY ${sort.column} ${direction}, p.id ${direction} LIMIT ${limit}`;
	if (!filters.q) return Prisma.sql`page AS (${walk([])})`;
	// With LIMIT, the planner would rather count by a sequential scan in no order until it has the
	// cap, which reads every open post when its guess of the matches is too high; listBoard turns
	// sequential scans off. Each branch below is gated by the count, a one-time filter: the other
	// branch never runs.
	const few = Prisma.sql`(SELECT count(*) FROM matched) < ${cap}`;
	return Prisma.sql`
		matched AS MATERIALIZED (
		  SELECT p.id, ${sort.column} AS key FROM posts p
		   WHERE ${where([search(filters.q), ...conditions(filters, sort)])}
		   LIMIT ${cap}),
		page AS (
		  (SELECT id FROM matched WHERE ${few} ORDER BY key ${direction}, id ${direction} LIMIT ${limit})
		  UNION ALL
		  (${walk([Prisma.sql`NOT ${few}`])}))`;
}

export function boardQuery(filters: BoardFilters, matchCap = SEARCH_MATCH_CAP) {
	const sort = SORTS[filters.sort];
	const direction = Prisma.raw(sort.direction);
	return Prisma.sql`
		WITH ${pageIds(filters, sort, filters.limit + 1, matchCap)}
		SELECT p.id, p.kind, p.title, p.category, p.time_window AS "timeWindow", p.needed_by AS "neededBy",
		       p.quantity, p.ongoing, p.created_at AS "createdAt", p.due_at AS "dueAt",
		       CASE WHEN p.kind = 'OFFER' AND NOT p.ongoing THEN GREATEST(0, p.quantity - (
		         SELECT count(*) FROM claims c WHERE c.post_id = p.id AND c.status IN (${sqlList(PLACES_TAKEN)}))::int)
		       END AS remaining,
		       p.network_is_fallback AS "networkIsFallback",
		       n.name AS "neighborhoodName", n.slug AS "neighborhoodSlug", b.name AS "boroughName",
		       w.name AS "networkName", w.slug AS "networkSlug"
		  FROM page
		  JOIN posts p ON p.id = page.id
		  JOIN neighborhoods n ON n.id = p.neighborhood_id
		  JOIN boroughs b ON b.id = n.borough_id
		  JOIN networks w ON w.id = p.network_id
		 ORDER BY ${sort.column} ${direction}, p.id ${direction}`;
}
