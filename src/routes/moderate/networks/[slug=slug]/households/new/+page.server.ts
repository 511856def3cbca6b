import { SPOKEN_LANGUAGES } from '$lib/languages';
import { CATEGORIES } from '$lib/posts';
import { db } from '$lib/server/db';
import { authorizeNetwork } from '$lib/server/guard';
import { addHousehold, newHouseholdSchema } from '$lib/server/households/roster';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	return {
		network: { name: network.name, slug: network.slug },
		spokenLanguages: SPOKEN_LANGUAGES,
		categories: CATEGORIES
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const parsed = parseForm(newHouseholdSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('household', parsed);
		const input = parsed.data;
		const added = await db.$transaction((tx) => addHousehold(tx, network.id, input, 'intake'));
		redirectWithFlash(
			event,
			`/moderate/networks/${network.slug}/households/${added.id}`,
			added.joined ? 'household_joined' : 'household_added'
		);
	}
};
