import { moderationLog } from '$lib/server/moderation';
import { moderatedNetworksOf } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { networks } = await moderatedNetworksOf(event);
	return { entries: await moderationLog(networks.map((n) => n.id)) };
};
