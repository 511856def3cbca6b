import { authorizeNetwork } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { organizerRequestSchema, requestToOrganize } from '$lib/server/networks/organizers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:request', event.params.slug);
	return { network };
};

export const actions: Actions = {
	default: async (event) => {
		const { user, network } = await authorizeNetwork(event, 'network:request', event.params.slug);
		const parsed = parseForm(organizerRequestSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('organize', parsed);
		const refused = await refuseIfLimited(event, 'organizerRequest', user.id, { values: parsed.data });
		if (refused) return refused;
		const result = await requestToOrganize(user.id, network.id, parsed.data);
		redirectWithFlash(event, `/networks/${network.slug}`, result.ok ? 'organize_sent' : 'organize_already');
	}
};
