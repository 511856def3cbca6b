import { networkBacklog } from '$lib/server/moderation/backlog';
import { attendance } from '$lib/server/distributions/close';
import { householdStats } from '$lib/server/households/stats';
import { networkStats } from '$lib/server/moderation/stats';
import { authorizeNetwork } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:moderate', event.params.slug);
	const [stats, backlog, households, distributions] = await Promise.all([
		networkStats(network.id),
		networkBacklog(network.id, requestedPage(event.url)),
		householdStats(network.id),
		attendance(network.id)
	]);
	return { network: { name: network.name, slug: network.slug }, stats, backlog, households, distributions };
};
