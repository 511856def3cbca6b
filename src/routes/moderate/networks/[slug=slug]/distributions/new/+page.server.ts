import { createDistribution, distributionSchema } from '$lib/server/distributions/events';
import { authorizeNetwork } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	return { network: { name: network.name, slug: network.slug } };
};

export const actions: Actions = {
	default: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const parsed = parseForm(distributionSchema(), await event.request.formData());
		if (!('data' in parsed)) return invalid('distribution', parsed);
		const { id } = await createDistribution(network.id, parsed.data);
		redirectWithFlash(event, `/moderate/networks/${network.slug}/distributions/${id}`, 'distribution_saved');
	}
};
