import { m } from '$lib/paraglide/messages';
import { publicAccess } from '$lib/server/guard';
import { linkPreview } from '$lib/server/http/preview';
import { parseBoardFilters, searchBoard } from '$lib/server/posts/board';
import { listBoroughsWithNeighborhoods, listNetworks } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await publicAccess(event);
	const filters = parseBoardFilters(event.url.searchParams);
	// "In a language I speak" needs languages to speak: offered to those with some on their profile.
	const speaks = user?.languages.length ? user.languages : undefined;
	const [board, boroughs, networks] = await Promise.all([
		searchBoard(filters, { speaks }),
		listBoroughsWithNeighborhoods(),
		listNetworks()
	]);
	const next = new URL(event.url);
	if (board.nextCursor) next.searchParams.set('cursor', board.nextCursor);
	return {
		preview: linkPreview(event, { title: m.board_title(), description: m.board_intro() }),
		filters,
		canFilterSpoken: !!speaks,
		posts: board.posts,
		tooSlow: board.tooSlow,
		nextPage: board.nextCursor ? next.pathname + next.search : null,
		boroughs,
		networks: networks.map(({ name, slug }) => ({ name, slug }))
	};
};
