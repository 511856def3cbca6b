import { error } from '@sveltejs/kit';
import { can } from '$lib/policies';
import { m } from '$lib/paraglide/messages';
import { hasUpcomingDays } from '$lib/server/distributions/calendar-feed';
import { publicAccess } from '$lib/server/guard';
import { pauseNoticeOf } from '$lib/server/networks/pause';
import { linkPreview } from '$lib/server/http/preview';
import { getNetwork } from '$lib/server/places';
import { mapMarkup } from '$lib/server/places/map';
import { listBoard, parseBoardFilters } from '$lib/server/posts/board';
import type { PageServerLoad } from './$types';

const PREVIEW = 10;

export const load: PageServerLoad = async (event) => {
	const viewer = await publicAccess(event);
	const network = await getNetwork(event.params.slug);
	if (!network) error(404, 'Not found');
	const filters = parseBoardFilters(
		new URLSearchParams({ network: event.params.slug, limit: String(PREVIEW) })
	);
	const { posts, nextCursor } = await listBoard(filters);
	const resource = { type: 'network', id: network.id, inactive: network.inactiveSince !== null } as const;
	return {
		network,
		pause: await pauseNoticeOf(network.id),
		preview: linkPreview(event, {
			title: network.name,
			description: m.preview_network({
				network: network.name,
				area: network.borough?.name ?? m.area_citywide()
			}),
			image: `/networks/${network.slug}/preview.png`
		}),
		posts,
		morePosts: nextCursor !== null,
		distributionDays: await hasUpcomingDays(network.id),
		map: network.coverage.length
			? await mapMarkup({ highlighted: network.coverage.map((c) => c.neighborhood.slug) })
			: null,
		can: {
			manage: !!viewer && can(viewer, 'network:manage', resource),
			setActive: !!viewer && can(viewer, 'network:setActive', resource),
			capacity: !!viewer && can(viewer, 'network:capacity', resource)
		}
	};
};
