import { networkBacklog } from '$lib/server/moderation/backlog';
import { networkStats } from '$lib/server/moderation/stats';
import { authorizeNetwork } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:moderate', event.params.slug);
	const [stats, backlog] = await Promise.all([
		networkStats(network.id),
		networkBacklog(network.id, requestedPage(event.url))
	]);
	return { network: { name: network.name }, stats, backlog };
};
