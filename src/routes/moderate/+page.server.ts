import { moderationQueue } from '$lib/server/moderation/queue';
import { moderatedNetworksOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { networks } = await moderatedNetworksOf(event);
	return { networks, queue: await moderationQueue(networks.map((n) => n.id)) };
};
