import { m } from '$lib/paraglide/messages';
import { publicAccess } from '$lib/server/guard';
import { linkPreview } from '$lib/server/http/preview';
import { neighborhoodMap } from '$lib/server/places/map';
import { listBoard, parseBoardFilters } from '$lib/server/posts/board';
import type { PageServerLoad } from './$types';

const NEWEST = '5';

export const load: PageServerLoad = async (event) => {
	const user = await publicAccess(event);
	// Posts carry a neighborhood, never a point, so "near" is the home neighborhood's borough: the
	// board's own filter, one indexed statement, and rarely empty the way one neighborhood would be.
	const near = user?.home ?? null;
	const filters = new URLSearchParams({ limit: NEWEST, ...(near ? { borough: near.boroughSlug } : {}) });
	const { posts } = await listBoard(parseBoardFilters(filters));
	const map = neighborhoodMap();
	return {
		preview: linkPreview(event, { title: m.home_title(), description: m.home_intro() }),
		posts,
		near: near && { neighborhood: near.name, borough: near.boroughName, slug: near.boroughSlug },
		map,
		// The index under the map comes from the same outlines (read once from disk, no query), so the
		// map and its text equivalent always list the same places.
		boroughs: (['Brooklyn', 'Queens'] as const).map((borough) => ({
			name: borough,
			slug: borough.toLowerCase(),
			neighborhoods: map
				.filter((shape) => shape.residential && shape.borough === borough)
				.map(({ name, slug }) => ({ name, slug }))
				.sort((a, b) => a.name.localeCompare(b.name, 'en'))
		}))
	};
};
