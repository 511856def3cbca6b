import { listDistributions } from '$lib/server/distributions/events';
import { authorizeNetwork } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	const page = requestedPage(event.url);
	return {
		network: { name: network.name, slug: network.slug },
		page,
		...(await listDistributions(network.id, page))
	};
};
