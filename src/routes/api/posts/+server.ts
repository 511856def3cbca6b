import { publicAccess } from '$lib/server/guard';
import { m } from '$lib/paraglide/messages';
import { parseBoardFilters, searchBoard } from '$lib/server/posts/board';
import { publicPost } from '$lib/server/posts/public';
import { publicOrigin } from '$lib/server/config';
import { openDataJson } from '$lib/server/http/open-data';
import type { RequestHandler } from './$types';

/** Open data: the board's open posts as JSON, with the board's filters and cursor pagination. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const filters = parseBoardFilters(event.url.searchParams);
	const { posts, nextCursor, tooSlow } = await searchBoard(filters);
	// 503 rather than an empty list, so a client does not take "too slow" for "no posts".
	if (tooSlow) return openDataJson({ error: m.board_too_slow() }, 503);
	const next = new URL(event.url);
	if (nextCursor) next.searchParams.set('cursor', nextCursor);
	return openDataJson({
		posts: posts.map((post) => publicPost(post, publicOrigin())),
		next: nextCursor ? next.toString() : null
	});
};
