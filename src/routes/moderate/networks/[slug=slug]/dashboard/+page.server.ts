import { networkStats } from '$lib/server/moderation/stats';
import { authorizeNetwork } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:moderate', event.params.slug);
	return { network: { name: network.name }, stats: await networkStats(network.id) };
};
