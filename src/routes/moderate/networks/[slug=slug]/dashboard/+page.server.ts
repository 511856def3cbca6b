import { requireUser } from '$lib/server/guard';
import { networkStats } from '$lib/server/moderation/stats';
import { networkToModerate } from '$lib/server/moderation/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { network } = await networkToModerate(event, event.params.slug);
	return { network: { name: network.name }, stats: await networkStats(network.id) };
};
