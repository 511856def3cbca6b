import { m } from '$lib/paraglide/messages';
import { publicAccess } from '$lib/server/guard';
import { linkPreview } from '$lib/server/http/preview';
import { mapIndex, mapMarkup } from '$lib/server/places/map';
import { listBoard, parseBoardFilters } from '$lib/server/posts/board';
import type { PageServerLoad } from './$types';

const NEWEST = '5';

export const load: PageServerLoad = async (event) => {
	const user = await publicAccess(event);
	// Posts carry a neighborhood, never a point, so "near" is the home neighborhood's borough: the
	// board's own filter, one indexed statement, and rarely empty the way one neighborhood would be.
	const near = user?.home ?? null;
	const filters = new URLSearchParams({ limit: NEWEST, ...(near ? { borough: near.boroughSlug } : {}) });
	const [{ posts }, map] = await Promise.all([
		listBoard(parseBoardFilters(filters)),
		mapMarkup({ linkNeighborhoods: true })
	]);
	return {
		preview: linkPreview(event, { title: m.home_title(), description: m.home_intro() }),
		posts,
		near: near && { neighborhood: near.name, borough: near.boroughName, slug: near.boroughSlug },
		map,
		boroughs: mapIndex()
	};
};
