import { requireUser } from '$lib/server/guard';
import { moderationLog } from '$lib/server/moderation';
import { myModeratedNetworks } from '$lib/server/moderation/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { networks } = await myModeratedNetworks(event);
	return { entries: await moderationLog(networks.map((n) => n.id)) };
};
