// The board's one SQL statement: open posts filtered, searched, sorted and cut into keyset pages.
// Filters ride on indexes that start with their columns (see the Post model). A search, and the "in
// a language I speak" filter, cannot: both are terms of one tsquery over posts.search, whose GIN index
// finds matches but in no order, while the sort order's index finds order but must test every post
// until enough match. Which is fast depends on how many posts match — a word nobody used must go
// through GIN, a word in every tenth post through the ordered walk — and neither alone is cheap for
// both: the index reads every match (all of a common word's), the walk every post (for a rare word).
// So the statement walks a few posts in order first: if a page of matches is among them, that is the
// page. If not, the walk tells how far along the sort order a page of matches probably lies. A short
// stretch is walked on, post by post, until a page is found; a longer one is ANDed, through the GIN
// index's matches, with that stretch of the sort order's index, so only the matches in it are fetched.
// If either fills a page, that is the page (walking on starts where the walk ended; the index's
// stretch starts at the top of the order). Only when neither does, so few posts match that the index
// hands them all over cheaply to be sorted. Each step reads about as much at any board size once a
// board (or the part of it a filter keeps) holds a few pages of matches: at most ~1,200 blocks of a
// page's statement at a million posts (npm run bench measures the shapes). A search of several terms
// whose walk matched none skips the stretch's index step: its words may each be common and never
// together, which the index can only tell by reading every post holding them, so it is asked once,
// for all its matches, not twice (two common words with no common match at a million posts: 32 ms →
// 12). One term the walk did not meet is rare or absent: the index's list of it is short either way,
// and the stretch spares fetching every match of a rare one ("crib", soonest, on a board where none
// of the 250 soonest posts held it: 7,236 blocks at a million posts, 540 through the stretch).
import { Prisma } from '../db/generated/client.ts';
import type { BoardSort } from '../../posts.ts';
import { PLACES_TAKEN, sqlList } from '../claims/capacity.ts';
import type { BoardFilters, BoardRow } from './board.ts';

/**
 * How many posts, in sort order, a search tests before asking the index: enough for a word in every
 * tenth post; rarer ones are found through the index more cheaply than by walking further.
 */
export const SEARCH_WALK = 250;

/**
 * How far past the walk the index's matches are looked for: the walk's stretch of the sort order,
 * stretched so that, at the share of matches the walk found (one more, in case it found none), it
 * should hold this many pages of them. Falling short is never wrong rows, but it costs every match the
 * index has, which for a word in one post of a hundred is thousands of rows at a million posts. The
 * walk's few hits are a rough guess of a word's share, so two pages fell short for 1 word-and-order of
 * 20 at a million (7,000–20,000 blocks instead of ~500); four pages never did (at most ~900), and eight
 * made every search read more (npm run bench measures the shapes that taught this).
 */
export const SEARCH_WIDEN = 4;

/**
 * The most posts of that stretch worth testing one by one, in order, rather than asking the index. A
 * word in one post of fifty fills a page within the walk's stretch, widened, of a few thousand posts:
 * testing them costs the same at any board size, while the index decodes every post that holds the
 * word (50,000 at a million posts, 9 ms for "mudanzas"). Rarer words still go through the index, whose
 * lists of them are short. Measured side by side at 10,000 and a million posts: 4,000 left a word in
 * one post of 66 ("продукт", soonest) to the index, 1.5× slower at a million; 8,000 walked a word in
 * one post of 135 ("crib", soonest) through 1,555 blocks in date order.
 */
export const SEARCH_WALK_ON = 6000;

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

/** Further along the sort order than a row, compared as (sort value, id). */
const after = (sort: SortSpec) => Prisma.raw(sort.direction === 'DESC' ? '<' : '>');

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
	const cursor = decodeCursor(filters.cursor);
	if (cursor) {
		const [value, id] = cursor;
		list.push(Prisma.sql`(${sort.column}, p.id) ${after(sort)} (${value}, ${id})`);
	}
	return list;
}

const where = (conditions: Prisma.Sql[]) => Prisma.join(conditions, ' AND ');

interface TextQuery {
	/** One tsquery, for testing a post at a time and for the index's matches near the walk. */
	whole: Prisma.Sql;
	/**
	 * The same as a tsquery[] whose matches together are the whole's, for all of the GIN index's
	 * matches: for a search alone, one scan per reading of it (search_query_readings), each testing a
	 * post against its reading's few lexemes rather than every reading's (two common words with no
	 * common match at a million posts: 11.9 ms in the index as one tsquery, 4.7 as readings). With the
	 * languages someone speaks, every reading would read their list again, so it stays one. Near the
	 * walk the whole is kept: as readings, the planner walked a 10,000-post board's stretch post by
	 * post instead of ANDing it with the index (Bengali "বাড়ি": 374 → 768 blocks).
	 */
	readings: Prisma.Sql;
}

/**
 * The search and the languages someone speaks, or null when neither narrows the board. The search_*
 * functions live in the post_language_search and search_query_readings migrations.
 */
function textQuery(filters: BoardFilters, speaks: readonly string[] | undefined): TextQuery | null {
	const parts: Prisma.Sql[] = [];
	if (filters.q) parts.push(Prisma.sql`search_query(${filters.q})`);
	if (filters.spoken && speaks?.length) parts.push(Prisma.sql`search_speakers(${[...speaks]}::text[])`);
	if (!parts.length) return null;
	const whole = Prisma.sql`(${Prisma.join(parts, ' && ')})`;
	const searchAlone = filters.q && parts.length === 1;
	return {
		whole,
		readings: searchAlone ? Prisma.sql`search_query_readings(${filters.q})` : Prisma.sql`ARRAY[${whole}]`
	};
}

/** Whether the board reads through posts.search (a search, or the languages someone speaks). */
export const isSearch = (filters: BoardFilters, speaks?: readonly string[]) =>
	textQuery(filters, speaks) !== null;

/** Whether a search is one term, one list in the index: every reading of it a single lexeme. */
const oneTerm = (text: TextQuery) =>
	Prisma.sql`(SELECT bool_and(numnode(reading) = 1) FROM unnest(${text.readings}) AS reading)`;

/** The statement's own test of one term, as a boolean expression, for the tests of its branches. */
export const oneTermQuery = (filters: BoardFilters, speaks?: readonly string[]) => {
	const text = textQuery(filters, speaks);
	return text ? oneTerm(text) : null;
};

/**
 * The posts from the walk's first to its bound, in the sort order. Only the bound narrows the posts
 * (none before the walk's first pass the filters), but the planner cannot know how many lie between:
 * it expects a third of the posts within one bound and a two-hundredth within two. Unfiltered, the
 * stretch is a small part of a large index, which it must read and AND with the search's (or it
 * fetches every post matching the search to test its date), so both bounds are stated. On a board of
 * ten thousand that estimate is so small that it walks the stretch instead, at worst the whole board
 * (~9,000 blocks, all in memory, for two common words with no common match). A filter's index holds
 * few posts, and two bounds made the planner fetch every filtered post in the stretch rather than AND
 * them with the search's, so one is.
 */
function reachable(filters: BoardFilters, sort: SortSpec) {
	const [toward, from] = sort.direction === 'DESC' ? ['>=', '<='] : ['<=', '>='];
	const bound = Prisma.sql`${sort.column} ${Prisma.raw(toward)} (SELECT bound FROM reach)`;
	const filtered = filters.category || filters.neighborhood || filters.borough || filters.network;
	return filtered
		? bound
		: Prisma.sql`${bound} AND ${sort.column} ${Prisma.raw(from)} (SELECT first FROM reach)`;
}

/** The ids on the page, in order: a CTE named "page". */
function pageIds(
	filters: BoardFilters,
	sort: SortSpec,
	limit: number,
	text: TextQuery | null,
	{ walk, widen, walkOn }: Required<Omit<BoardQueryOptions, 'speaks'>>
) {
	const direction = Prisma.raw(sort.direction);
	const order = Prisma.sql`ORDER BY ${sort.column} ${direction}, p.id ${direction}`;
	const first = Prisma.sql`ORDER BY key ${direction}, id ${direction} LIMIT ${limit}`;
	if (!text) {
		return Prisma.sql`page AS (SELECT p.id FROM posts p WHERE ${where(conditions(filters, sort))} ${order} LIMIT ${limit})`;
	}
	// The walk tests posts in order and stops at the first page of matches, or at its end: its inner
	// LIMIT keeps the planner on the sort order's index, and rows are only read as the outer LIMIT asks
	// for them. The walk's first and last posts come along, match or not, to say how far it went.
	// reach.enough: the walk found a page, or it ran out of posts before its end (no last post), so it
	// saw them all. reach.bound: where the stretch to search ends (SEARCH_WIDEN); reach.close: the
	// stretch is short enough to test post by post (SEARCH_WALK_ON, "walked_on": the walk's matches,
	// then the posts after it until a page is full), else the index's matches within it are fetched
	// ("nearby"), unless the walk matched nothing of several terms (reach.lone: every reading of the
	// search is one lexeme, one list in the index). Too few there, or none sought,
	// leaves it to all of the index's matches ("indexed"). Each branch is gated by the steps before it,
	// a one-time filter, so a later one never runs. The index's branches have no ORDER BY or LIMIT of
	// their own, or the planner would walk the sort order again. ts_match_vq is @@ written as a call,
	// which the GIN index cannot serve.
	const all = where(conditions(filters, sort));
	return Prisma.sql`
		walked AS MATERIALIZED (
		  SELECT id, key, hit, n FROM (
		    SELECT p.id, ${sort.column} AS key, ts_match_vq(p.search, ${text.whole}) AS hit,
		           row_number() OVER (${order}) AS n
		      FROM posts p WHERE ${all} ${order} LIMIT ${walk}) AS tested
		   WHERE hit OR n = 1 OR n = ${walk} ORDER BY key ${direction}, id ${direction} LIMIT ${limit + 2}),
		reach AS (
		  SELECT hits >= ${limit} OR last_id IS NULL AS enough, first,
		         first + (last - first) * (${widen}::float8 * ${limit} / (hits + 1)) AS bound,
		         ${walk}::float8 * ${widen} * ${limit} / (hits + 1) <= ${walkOn} AS close,
		         hits, last, last_id,
		         ${oneTerm(text)} AS lone
		    FROM (SELECT count(*) FILTER (WHERE hit) AS hits, min(key) FILTER (WHERE n = 1) AS first,
		                 min(key) FILTER (WHERE n = ${walk}) AS last, min(id) FILTER (WHERE n = ${walk}) AS last_id
		            FROM walked) AS walk),
		walked_on AS MATERIALIZED (
		  SELECT id, key FROM walked WHERE hit AND NOT (SELECT enough FROM reach) AND (SELECT close FROM reach)
		  UNION ALL
		  (SELECT p.id, ${sort.column} AS key FROM posts p
		    WHERE NOT (SELECT enough FROM reach) AND (SELECT close FROM reach) AND ${all}
		      AND ${reachable(filters, sort)} AND ts_match_vq(p.search, ${text.whole})
		      AND (${sort.column}, p.id) ${after(sort)} ((SELECT last FROM reach), (SELECT last_id FROM reach))
		    ${order} LIMIT GREATEST(0, ${limit} - (SELECT hits FROM reach)))),
		nearby AS MATERIALIZED (
		  SELECT p.id, ${sort.column} AS key FROM posts p
		   WHERE NOT (SELECT enough FROM reach) AND NOT (SELECT close FROM reach)
		     AND ((SELECT hits FROM reach) > 0 OR (SELECT lone FROM reach))
		     AND p.search @@ ${text.whole}
		     AND ${all} AND ${reachable(filters, sort)}),
		widened AS (
		  SELECT (SELECT count(*) FROM walked_on) + (SELECT count(*) FROM nearby) >= ${limit} AS enough),
		indexed AS MATERIALIZED (
		  SELECT p.id, ${sort.column} AS key FROM posts p
		   WHERE NOT (SELECT enough FROM reach) AND NOT (SELECT enough FROM widened) AND p.search @@ ANY (${text.readings})
		     AND ${all}),
		page AS (
		  (SELECT id FROM walked WHERE hit AND (SELECT enough FROM reach) ${first})
		  UNION ALL
		  (SELECT id FROM walked_on WHERE (SELECT enough FROM widened) ${first})
		  UNION ALL
		  (SELECT id FROM nearby WHERE (SELECT enough FROM widened) ${first})
		  UNION ALL
		  (SELECT id FROM indexed ${first}))`;
}

export interface BoardQueryOptions {
	/** The signed-in person's languages, for the "in a language I speak" filter. */
	speaks?: readonly string[];
	/** Tests lower it to take both of a search's branches with a few posts. */
	walk?: number;
	/** Tests set it to take the branch of the index's matches near the walk, or to pass it by. */
	widen?: number;
	/** Tests set it to test the posts near the walk one by one, or to ask the index for them. */
	walkOn?: number;
}

export function boardQuery(
	filters: BoardFilters,
	{ speaks, walk = SEARCH_WALK, widen = SEARCH_WIDEN, walkOn = SEARCH_WALK_ON }: BoardQueryOptions = {}
) {
	const sort = SORTS[filters.sort];
	const direction = Prisma.raw(sort.direction);
	return Prisma.sql`
		WITH ${pageIds(filters, sort, filters.limit + 1, textQuery(filters, speaks), { walk, widen, walkOn })}
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
