import { moderationQueue } from '$lib/server/moderation/queue';
import { moderatedNetworksOf } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user, networks } = await moderatedNetworksOf(event);
	const queue = await moderationQueue(
		networks.map((n) => n.id),
		requestedPage(event.url)
	);
	// Households are the team's own: an admin moderating a network gets no link to its roster.
	const team = new Set(user.memberships.map((membership) => membership.networkId));
	return { networks: networks.map((n) => ({ ...n, households: team.has(n.id) })), queue };
};
