import { moderationQueue } from '$lib/server/moderation/queue';
import { moderatedNetworksOf } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { networks } = await moderatedNetworksOf(event);
	const queue = await moderationQueue(
		networks.map((n) => n.id),
		requestedPage(event.url)
	);
	return { networks, queue };
};
