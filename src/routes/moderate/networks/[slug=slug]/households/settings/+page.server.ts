import { CATEGORIES } from '$lib/posts';
import { authorizeNetwork } from '$lib/server/guard';
import { setTimeouts, timeoutsOf, timeoutsSchema } from '$lib/server/households/timeouts';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	return {
		network: { name: network.name, slug: network.slug },
		categories: CATEGORIES,
		timeouts: await timeoutsOf(network.id)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const parsed = parseForm(timeoutsSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('timeouts', parsed);
		await setTimeouts(network.id, parsed.data);
		redirectWithFlash(event, event.url.pathname, 'household_timeouts_saved');
	}
};
