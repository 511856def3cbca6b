// Reading the board: open posts filtered by GET parameters, full-text search, three sort orders and
// keyset pages. One SQL statement per page, whatever the page size (no N+1), built in board-query.ts.
import pLimit from 'p-limit';
import { z } from 'zod';
import { BOARD_SORTS, CATEGORIES, POST_KINDS } from '../../posts.ts';
import { db, reads } from '../db/index.ts';
import { line } from '../http/fields.ts';
import { isStatementTimeout } from '../db/errors.ts';
import { boardQuery, encodeCursor, isSearch, SORTS, type BoardQueryOptions } from './board-query.ts';
import { POST_CONTENT } from './index.ts';
import { shownPoster } from './poster.ts';

export { boardQuery };

export const PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

const emptyToUndefined = (value: unknown) => (value === '' || value === null ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyToUndefined, schema.optional());

/** The board's filters, read from a URL so every view is a link. Unknown values are ignored, not errors. */
export const boardFilterSchema = z.object({
	kind: optional(z.enum(POST_KINDS)).catch(undefined),
	category: optional(z.enum(CATEGORIES)).catch(undefined),
	borough: optional(z.string().regex(/^[a-z-]+$/)).catch(undefined),
	neighborhood: optional(z.string().regex(/^[a-z0-9-]+$/)).catch(undefined),
	network: optional(z.string().regex(/^[a-z0-9-]+$/)).catch(undefined),
	q: optional(line(200)).catch(undefined),
	/** "In a language I speak": the board applies it for a signed-in person with languages on their profile. */
	spoken: z.preprocess((value) => value === 'on', z.boolean()),
	sort: z.enum(BOARD_SORTS).catch('newest'),
	cursor: optional(line(200)).catch(undefined),
	limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(PAGE_SIZE)
});

export type BoardFilters = z.output<typeof boardFilterSchema>;

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
	return boardFilterSchema.parse(Object.fromEntries(params));
}

export interface BoardRow {
	id: number;
	kind: 'NEED' | 'OFFER';
	title: string;
	category: string;
	timeWindow: string;
	neededBy: Date | null;
	quantity: number | null;
	/** An offer's places not yet taken by accepted requests; null for needs and ongoing offers. */
	remaining: number | null;
	ongoing: boolean;
	createdAt: Date;
	dueAt: Date;
	networkIsFallback: boolean;
	/** The repeating request it is one occurrence of, and that occurrence's day; null for a one-off. */
	seriesId: number | null;
	occursOn: Date | null;
	/** The language it is written in, for the lang attribute around its title. */
	language: string;
	neighborhoodName: string;
	neighborhoodSlug: string;
	boroughName: string;
	networkName: string;
	networkSlug: string;
}

/**
 * How long one board query may run. Anyone can type a search, so none may hold a connection
 * for long: a slow one fails alone instead of queueing everyone else's page behind it.
 */
export const BOARD_TIMEOUT_MS = 1_500;

/** The board query ran past its time; the person is asked to narrow the search. */
export class BoardTooSlow extends Error {}

export interface BoardOptions extends BoardQueryOptions {
	timeoutMs?: number;
}

/**
 * Searches at once per instance. A search costs a few times a plain page of the board, so ten people
 * typing at once would otherwise take every connection and core from everyone browsing (at a million
 * posts, a plain board page took 3.5 times as long under ten searches as under ten other readers);
 * taking turns, the searches wait for each other instead.
 */
export const SEARCHES_AT_ONCE = 2;
export const searchTurns = pLimit(SEARCHES_AT_ONCE);

export async function listBoard(
	filters: BoardFilters,
	{ timeoutMs = BOARD_TIMEOUT_MS, ...options }: BoardOptions = {}
) {
	const read = (ms: number) => {
		// Local settings end with the transaction, so they never leak to the pool's other users. No
		// board shape wants a sequential scan of posts (see board-query.ts): every one has an index.
		// Nor JIT compilation: the search's index branch is costed as if it read every match of a
		// common word, past jit_above_cost, though it runs only when few match; compiling took
		// 20-300 ms for a page whose rows take 1-2 ms.
		const reader = reads();
		return reader.$transaction([
			reader.$queryRaw`SELECT set_config('statement_timeout', ${String(Math.max(1, Math.round(ms)))}, true),
			                    set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`,
			reader.$queryRaw<BoardRow[]>(boardQuery(filters, options))
		]);
	};
	let rows: BoardRow[];
	try {
		if (isSearch(filters, options.speaks)) {
			// The wait for a turn counts against the search's time, so a queue of searches ends in
			// "narrow your search" for some rather than in a page that never comes.
			const deadline = performance.now() + timeoutMs;
			[, rows] = await searchTurns(() => {
				const left = deadline - performance.now();
				if (left <= 0) throw new BoardTooSlow('waited too long for a turn to search');
				return read(left);
			});
		} else {
			[, rows] = await read(timeoutMs);
		}
	} catch (error) {
		if (isStatementTimeout(error)) throw new BoardTooSlow('board query timed out', { cause: error });
		throw error;
	}
	const posts = rows.slice(0, filters.limit);
	const last = posts.at(-1);
	const nextCursor =
		rows.length > filters.limit && last ? encodeCursor(SORTS[filters.sort].key(last), last.id) : null;
	return { posts, nextCursor };
}

/** For the views where people type searches: running out of time is an answer to show, not a 500. */
export async function searchBoard(filters: BoardFilters, options: BoardOptions = {}) {
	try {
		return { ...(await listBoard(filters, options)), tooSlow: false };
	} catch (error) {
		if (error instanceof BoardTooSlow) return { posts: [], nextCursor: null, tooSlow: true };
		throw error;
	}
}

/** A post as its public page shows it: who it reads as posted by, and nothing else about them. */
export async function getPublicPost(id: number) {
	const post = await reads().post.findUnique({
		where: { id },
		select: {
			id: true,
			status: true,
			...POST_CONTENT,
			createdAt: true,
			expiresAt: true,
			hiddenReason: true,
			networkIsFallback: true,
			seriesId: true,
			occursOn: true,
			authorId: true,
			author: { select: { name: true } },
			intakeName: true,
			neighborhood: { select: { name: true, slug: true, borough: { select: { name: true } } } },
			network: { select: { id: true, name: true, slug: true, status: true } }
		}
	});
	if (!post) return null;
	const { author, intakeName, ...shown } = post;
	return { ...shown, postedBy: shownPoster({ author, intakeName, network: post.network }) };
}

export async function listMyPosts(authorId: string) {
	return db.post.findMany({
		where: { authorId },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		select: {
			id: true,
			kind: true,
			status: true,
			title: true,
			occursOn: true,
			createdAt: true,
			expiresAt: true,
			neighborhood: { select: { name: true } }
		}
	});
}
