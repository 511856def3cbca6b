import { authorizeNetwork } from '$lib/server/guard';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { limitsSchema, setLimits } from '$lib/server/networks/limits';
import { dateInNewYork } from '$lib/server/calendar';
import { capacityOf, pauseNetwork, pauseSchemaAt, resumeNetwork } from '$lib/server/networks/pause';
import type { Actions, PageServerLoad } from './$types';

// Pausing changes where neighbors' posts go, so it is confirmed on a second step (Confirm.svelte);
// lifting a pause and setting limits are plain saves.
export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:capacity', event.params.slug);
	return {
		network: { name: network.name, slug: network.slug },
		capacity: await capacityOf(network.id),
		today: dateInNewYork(new Date())
	};
};

export const actions: Actions = {
	pause: async (event) => {
		const { user, network } = await authorizeNetwork(event, 'network:capacity', event.params.slug);
		const posted = await event.request.formData();
		const parsed = parseForm(pauseSchemaAt(), posted);
		if (!('data' in parsed)) return invalid('pause', parsed);
		const unconfirmed = unlessConfirmed('pause', posted);
		if (unconfirmed) return unconfirmed;
		await pauseNetwork(user.id, network.id, parsed.data);
		redirectWithFlash(event, `/networks/${network.slug}`, 'network_paused');
	},
	resume: async (event) => {
		const { user, network } = await authorizeNetwork(event, 'network:capacity', event.params.slug);
		await resumeNetwork(user.id, network.id);
		redirectWithFlash(event, `/networks/${network.slug}`, 'network_resumed');
	},
	limits: async (event) => {
		const { user, network } = await authorizeNetwork(event, 'network:capacity', event.params.slug);
		const parsed = parseForm(limitsSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('limits', parsed);
		await setLimits(user.id, network.id, parsed.data);
		redirectWithFlash(event, `/networks/${network.slug}/capacity`, 'network_limits_saved');
	}
};
