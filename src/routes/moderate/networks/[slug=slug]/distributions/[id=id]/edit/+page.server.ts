import { fail } from '@sveltejs/kit';
import {
	distributionSchema,
	formValuesOf,
	SlotsBookedError,
	updateDistribution
} from '$lib/server/distributions/events';
import { authorizeDistribution } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { formValues, invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
	return {
		network: { name: network.name, slug: network.slug },
		distribution: { id: distribution.id },
		values: await formValuesOf(distribution.id)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
		const posted = await event.request.formData();
		const parsed = parseForm(distributionSchema(), posted);
		if (!('data' in parsed)) return invalid('distribution', parsed);
		try {
			await updateDistribution(distribution.id, parsed.data);
		} catch (problem) {
			if (!(problem instanceof SlotsBookedError)) throw problem;
			return fail(409, {
				form: 'distribution',
				values: formValues(posted, new Set(['languages'])),
				errors: { slotCount: 'distribution_error_booked' as const }
			});
		}
		redirectWithFlash(
			event,
			`/moderate/networks/${network.slug}/distributions/${distribution.id}`,
			'distribution_saved'
		);
	}
};
