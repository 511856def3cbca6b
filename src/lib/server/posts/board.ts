// Reading the board: open posts filtered by GET parameters, full-text search, three sort orders and
// keyset pages. One SQL statement per page, whatever the page size (no N+1), on the indexes in the
// posts migration.
import { z } from 'zod';
import { BOARD_SORTS, CATEGORIES, POST_KINDS, type BoardSort } from '../../posts.ts';
import { db, reads } from '../db/index.ts';
import { line } from '../http/fields.ts';
import { Prisma } from '../db/generated/client.ts';
import { PLACES_TAKEN, sqlList } from '../claims/capacity.ts';
import { POST_CONTENT } from './index.ts';
import { shownPoster } from './poster.ts';

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
	sort: z.enum(BOARD_SORTS).catch('newest'),
	cursor: optional(line(200)).catch(undefined),
	limit: z.coerce.number().int().min(1).max(MAX_PAGE_SIZE).catch(PAGE_SIZE)
});

export type BoardFilters = z.output<typeof boardFilterSchema>;

export function parseBoardFilters(params: URLSearchParams): BoardFilters {
	return boardFilterSchema.parse(Object.fromEntries(params));
}

interface SortSpec {
	column: Prisma.Sql;
	direction: 'ASC' | 'DESC';
	key: (row: BoardRow) => Date;
}

const SORTS: Record<BoardSort, SortSpec> = {
	newest: { column: Prisma.sql`p.created_at`, direction: 'DESC', key: (row) => row.createdAt },
	soonest: { column: Prisma.sql`p.due_at`, direction: 'ASC', key: (row) => row.dueAt },
	longest: { column: Prisma.sql`p.created_at`, direction: 'ASC', key: (row) => row.createdAt }
};

/** An opaque cursor: the last row's sort value and id. */
function encodeCursor(value: Date, id: number) {
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
	neighborhoodName: string;
	neighborhoodSlug: string;
	boroughName: string;
	networkName: string;
	networkSlug: string;
}

/** Only open posts show on the board, the API and the feeds. */
function whereClause(filters: BoardFilters, after: [Date, number] | null, sort: SortSpec) {
	const conditions: Prisma.Sql[] = [Prisma.sql`p.status = 'OPEN'`];
	if (filters.kind) conditions.push(Prisma.sql`p.kind = ${filters.kind}::"PostKind"`);
	if (filters.category) conditions.push(Prisma.sql`p.category = ${filters.category}::"PostCategory"`);
	if (filters.neighborhood) {
		conditions.push(
			Prisma.sql`p.neighborhood_id = (SELECT id FROM neighborhoods WHERE slug = ${filters.neighborhood})`
		);
	}
	if (filters.borough) {
		conditions.push(
			Prisma.sql`p.neighborhood_id IN (SELECT n.id FROM neighborhoods n JOIN boroughs b ON b.id = n.borough_id WHERE b.slug = ${filters.borough})`
		);
	}
	if (filters.network) {
		conditions.push(Prisma.sql`p.network_id = (SELECT id FROM networks WHERE slug = ${filters.network})`);
	}
	// search_query (search_languages migration) reads the query in every language posts are indexed in.
	if (filters.q) conditions.push(Prisma.sql`p.search @@ search_query(${filters.q})`);
	if (after) {
		const [value, id] = after;
		conditions.push(
			sort.direction === 'DESC'
				? Prisma.sql`(${sort.column}, p.id) < (${value}, ${id})`
				: Prisma.sql`(${sort.column}, p.id) > (${value}, ${id})`
		);
	}
	return Prisma.join(conditions, ' AND ');
}

export function boardQuery(filters: BoardFilters) {
	const sort = SORTS[filters.sort];
	const direction = Prisma.raw(sort.direction);
	return Prisma.sql`
		SELECT p.id, p.kind, p.title, p.category, p.time_window AS "timeWindow", p.needed_by AS "neededBy",
		       p.quantity, p.ongoing, p.created_at AS "createdAt", p.due_at AS "dueAt",
		       CASE WHEN p.kind = 'OFFER' AND NOT p.ongoing THEN GREATEST(0, p.quantity - (
		         SELECT count(*) FROM claims c WHERE c.post_id = p.id AND c.status IN (${sqlList(PLACES_TAKEN)}))::int)
		       END AS remaining,
		       p.network_is_fallback AS "networkIsFallback",
		       n.name AS "neighborhoodName", n.slug AS "neighborhoodSlug", b.name AS "boroughName",
		       w.name AS "networkName", w.slug AS "networkSlug"
		  FROM posts p
		  JOIN neighborhoods n ON n.id = p.neighborhood_id
		  JOIN boroughs b ON b.id = n.borough_id
		  JOIN networks w ON w.id = p.network_id
		 WHERE ${whereClause(filters, decodeCursor(filters.cursor), sort)}
		 ORDER BY ${sort.column} ${direction}, p.id ${direction}
		 LIMIT ${filters.limit + 1}`;
}

export async function listBoard(filters: BoardFilters) {
	const rows = await reads().$queryRaw<BoardRow[]>(boardQuery(filters));
	const posts = rows.slice(0, filters.limit);
	const last = posts.at(-1);
	const nextCursor =
		rows.length > filters.limit && last ? encodeCursor(SORTS[filters.sort].key(last), last.id) : null;
	return { posts, nextCursor };
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
			createdAt: true,
			expiresAt: true,
			neighborhood: { select: { name: true } }
		}
	});
}
