import { requireUser } from '$lib/server/guard';
import { invalid, parseForm } from '$lib/server/http/form';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { networkFor } from '$lib/server/places/network-access';
import { organizerRequestSchema, requestToOrganize } from '$lib/server/networks/organizers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { network } = await networkFor(event, 'network:request');
	return { network };
};

export const actions: Actions = {
	default: async (event) => {
		const user = await requireUser(event);
		const { network } = await networkFor(event, 'network:request');
		const parsed = parseForm(organizerRequestSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('organize', parsed);
		const refused = await refuseIfLimited(event, 'organizerRequest', user.id, { values: parsed.data });
		if (refused) return refused;
		const result = await requestToOrganize(user.id, network.id, parsed.data);
		return { sent: true, already: !result.ok };
	}
};
