// The board's one SQL statement: open posts filtered, searched, sorted and cut into keyset pages.
// Filters ride on indexes that start with their columns (see the Post model). A search, and the "in
// a language I speak" filter, cannot: both are terms of one tsquery over posts.search, whose GIN index
// finds matches but in no order, while the sort order's index finds order but must test every post
// until enough match. Which is fast depends on how many posts match — a word nobody used must go
// through GIN, a word in every tenth post through the ordered walk — and neither alone is cheap for
// both: the index reads every match (all of a common word's), the walk every post (for a rare word).
// So the statement walks a fixed number of posts in order first: if a page of matches is among them,
// that is the page; if not, so few posts match that the index hands them all over cheaply to be sorted.
import { Prisma } from '../db/generated/client.ts';
import type { BoardSort } from '../../posts.ts';
import { PLACES_TAKEN, sqlList } from '../claims/capacity.ts';
import type { BoardFilters, BoardRow } from './board.ts';

/**
 * How many posts, in sort order, a search tests before asking the index. A word found in fewer than
 * one post in (SEARCH_WALK / page size) does not fill a page here, and then matches at most that
 * share of the board, which the index reads and sorts. Its cost is the same at any board size.
 */
export const SEARCH_WALK = 4000;

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

/** Only open posts show on the board, the API and the feeds. */
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

/**
 * The search and the languages as one tsquery, or null when neither narrows the board. search_query
 * and search_speakers live in the post_language_search migration.
 */
function textQuery(filters: BoardFilters, speaks: readonly string[] | undefined) {
	const parts: Prisma.Sql[] = [];
	if (filters.q) parts.push(Prisma.sql`search_query(${filters.q})`);
	if (filters.spoken && speaks?.length) parts.push(Prisma.sql`search_speakers(${[...speaks]}::text[])`);
	return parts.length ? Prisma.sql`(${Prisma.join(parts, ' && ')})` : null;
}

/** The ids on the page, in order: a CTE named "page". */
function pageIds(
	filters: BoardFilters,
	sort: SortSpec,
	limit: number,
	text: Prisma.Sql | null,
	walk: number
) {
	const direction = Prisma.raw(sort.direction);
	const order = Prisma.sql`ORDER BY ${sort.column} ${direction}, p.id ${direction}`;
	const first = Prisma.sql`ORDER BY key ${direction}, id ${direction} LIMIT ${limit}`;
	if (!text) {
		return Prisma.sql`page AS (SELECT p.id FROM posts p WHERE ${where(conditions(filters, sort))} ${order} LIMIT ${limit})`;
	}
	// The walk tests posts in order and stops at the first page of matches, or at its end: its inner
	// LIMIT keeps the planner on the sort order's index, and rows are only read as the outer LIMIT asks
	// for them. The walk's last post comes along, match or not, to say the walk went that far.
	// "enough": the walk found a page, or it ran out of posts before its end, so it saw them all. Each
	// branch of "page" is gated by it, a one-time filter, so the other never runs. The index's branch
	// has no ORDER BY or LIMIT of its own, or the planner would walk the sort order again. ts_match_vq
	// is @@ written as a call, which the GIN index cannot serve.
	const all = where(conditions(filters, sort));
	return Prisma.sql`
		walked AS MATERIALIZED (
		  SELECT id, key, hit, n FROM (
		    SELECT p.id, ${sort.column} AS key, ts_match_vq(p.search, ${text}) AS hit,
		           row_number() OVER (${order}) AS n
		      FROM posts p WHERE ${all} ${order} LIMIT ${walk}) AS tested
		   WHERE hit OR n = ${walk} ORDER BY key ${direction}, id ${direction} LIMIT ${limit + 1}),
		enough AS (
		  SELECT count(*) FILTER (WHERE hit) >= ${limit} OR count(*) FILTER (WHERE n = ${walk}) = 0 AS yes
		    FROM walked),
		indexed AS MATERIALIZED (
		  SELECT p.id, ${sort.column} AS key FROM posts p
		   WHERE NOT (SELECT yes FROM enough) AND p.search @@ ${text} AND ${all}),
		page AS (
		  (SELECT id FROM walked WHERE hit AND (SELECT yes FROM enough) ${first})
		  UNION ALL
		  (SELECT id FROM indexed ${first}))`;
}

export interface BoardQueryOptions {
	/** The signed-in person's languages, for the "in a language I speak" filter. */
	speaks?: readonly string[];
	/** Tests lower it to take both of a search's branches with a few posts. */
	walk?: number;
}

export function boardQuery(filters: BoardFilters, { speaks, walk = SEARCH_WALK }: BoardQueryOptions = {}) {
	const sort = SORTS[filters.sort];
	const direction = Prisma.raw(sort.direction);
	return Prisma.sql`
		WITH ${pageIds(filters, sort, filters.limit + 1, textQuery(filters, speaks), walk)}
		SELECT p.id, p.kind, p.title, p.category, p.time_window AS "timeWindow", p.needed_by AS "neededBy",
		       p.quantity, p.ongoing, p.created_at AS "createdAt", p.due_at AS "dueAt",
		       CASE WHEN p.kind = 'OFFER' AND NOT p.ongoing THEN GREATEST(0, p.quantity - (
		         SELECT count(*) FROM claims c WHERE c.post_id = p.id AND c.status IN (${sqlList(PLACES_TAKEN)}))::int)
		       END AS remaining,
		       p.network_is_fallback AS "networkIsFallback", p.language,
		       p.series_id AS "seriesId", p.occurs_on AS "occursOn",
		       n.name AS "neighborhoodName", n.slug AS "neighborhoodSlug", b.name AS "boroughName",
		       w.name AS "networkName", w.slug AS "networkSlug"
		  FROM page
		  JOIN posts p ON p.id = page.id
		  JOIN neighborhoods n ON n.id = p.neighborhood_id
		  JOIN boroughs b ON b.id = n.borough_id
		  JOIN networks w ON w.id = p.network_id
		 ORDER BY ${sort.column} ${direction}, p.id ${direction}`;
}
