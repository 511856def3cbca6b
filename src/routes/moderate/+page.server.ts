import { requireUser } from '$lib/server/guard';
import { moderationQueue } from '$lib/server/moderation/queue';
import { myModeratedNetworks } from '$lib/server/moderation/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { networks } = await myModeratedNetworks(event);
	return { networks, queue: await moderationQueue(networks.map((n) => n.id)) };
};
