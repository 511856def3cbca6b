import { authorizeNetwork } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { networkStatusSchema, setNetworkActive } from '$lib/server/networks/status';
import type { Actions, PageServerLoad } from './$types';

// Marking a network no longer active changes where neighbors' posts go, so it is asked on a page of
// its own and confirmed with a button, which works without JavaScript.
export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:setActive', event.params.slug);
	return { network: { name: network.name, slug: network.slug, active: !network.inactiveSince } };
};

export const actions: Actions = {
	default: async (event) => {
		const { user, network } = await authorizeNetwork(event, 'network:setActive', event.params.slug);
		const parsed = parseForm(networkStatusSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('status', parsed);
		await setNetworkActive(user.id, network.id, parsed.data.active);
		const flash = parsed.data.active ? 'network_status_reactivated' : 'network_status_deactivated';
		redirectWithFlash(event, `/networks/${network.slug}`, flash);
	}
};
