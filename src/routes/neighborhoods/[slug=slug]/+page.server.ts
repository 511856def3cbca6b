import { error } from '@sveltejs/kit';
import { publicAccess } from '$lib/server/guard';
import { getNeighborhood } from '$lib/server/places';
import { listBoard, parseBoardFilters } from '$lib/server/posts/board';
import type { PageServerLoad } from './$types';

const PREVIEW = 10;

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const neighborhood = await getNeighborhood(event.params.slug);
	if (!neighborhood) error(404, 'Not found');
	const filters = parseBoardFilters(
		new URLSearchParams({ neighborhood: event.params.slug, limit: String(PREVIEW) })
	);
	const { posts, nextCursor } = await listBoard(filters);
	return { neighborhood, posts, morePosts: nextCursor !== null };
};
