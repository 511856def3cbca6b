import { authorizeNetwork } from '$lib/server/guard';
import { searchRoster } from '$lib/server/households/roster';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	const query = (event.url.searchParams.get('q') ?? '').slice(0, 120);
	const roster = await searchRoster(network.id, query, requestedPage(event.url));
	return { network: { name: network.name, slug: network.slug }, query, roster };
};
