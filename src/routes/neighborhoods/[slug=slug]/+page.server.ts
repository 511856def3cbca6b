import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { publicAccess } from '$lib/server/guard';
import { linkPreview, shareLinks } from '$lib/server/http/preview';
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
	const preview = linkPreview(event, {
		title: neighborhood.name,
		description: m.preview_neighborhood({
			neighborhood: neighborhood.name,
			borough: neighborhood.borough.name
		}),
		image: `/neighborhoods/${neighborhood.slug}/preview.png`
	});
	return { neighborhood, posts, morePosts: nextCursor !== null, preview, share: shareLinks(preview) };
};
