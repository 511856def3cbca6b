import { fail } from '@sveltejs/kit';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import { CATEGORIES } from '$lib/posts';
import { authorizeHousehold } from '$lib/server/guard';
import {
	deliverFor,
	deliverSchema,
	editHousehold,
	householdPage,
	householdSchema,
	mergeHousehold,
	mergeSchema,
	openRequestFor,
	openRequestSchema
} from '$lib/server/households/roster';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import { formValues, invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network, household } = await authorizeHousehold(
		event,
		'network:households',
		event.params.slug,
		Number(event.params.id)
	);
	return {
		network: { name: network.name, slug: network.slug },
		household: await householdPage(household.id),
		spokenLanguages: SPOKEN_LANGUAGES,
		categories: CATEGORIES
	};
};

export const actions: Actions = {
	open: async (event) => {
		const { household } = await authorizeHousehold(
			event,
			'network:households',
			event.params.slug,
			Number(event.params.id)
		);
		const parsed = parseForm(openRequestSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('open', parsed);
		await openRequestFor(household.id, parsed.data.category);
		redirectWithFlash(event, event.url.pathname, 'household_request_opened');
	},
	deliver: async (event) => {
		const { household } = await authorizeHousehold(
			event,
			'network:households',
			event.params.slug,
			Number(event.params.id)
		);
		const parsed = parseForm(deliverSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('deliver', parsed);
		if (!(await deliverFor(household.id, parsed.data.request)))
			return fail(409, { form: 'deliver', errors: { request: 'household_error_not_open' as const } });
		redirectWithFlash(event, event.url.pathname, 'household_delivered');
	},
	edit: async (event) => {
		const { network, household } = await authorizeHousehold(
			event,
			'network:households',
			event.params.slug,
			Number(event.params.id)
		);
		const posted = await event.request.formData();
		const parsed = parseForm(householdSchema, posted);
		if (!('data' in parsed)) return invalid('edit', parsed);
		const outcome = await editHousehold(network.id, household.id, parsed.data);
		if (!outcome.ok)
			return invalid('edit', {
				values: formValues(posted),
				errors: { phone: 'household_error_phone_taken' }
			});
		redirectWithFlash(event, event.url.pathname, 'household_saved');
	},
	merge: async (event) => {
		const { network, household } = await authorizeHousehold(
			event,
			'network:households',
			event.params.slug,
			Number(event.params.id)
		);
		const posted = await event.request.formData();
		const parsed = parseForm(mergeSchema, posted);
		if (!('data' in parsed)) return invalid('merge', parsed);
		const unconfirmed = unlessConfirmed('merge', posted);
		if (unconfirmed) return unconfirmed;
		const outcome = await mergeHousehold(network.id, household.id, parsed.data.phone);
		if (!outcome.ok)
			return invalid('merge', {
				values: formValues(posted),
				errors: {
					phone: outcome.reason === 'same' ? 'household_error_merge_same' : 'household_error_merge_none'
				}
			});
		redirectWithFlash(
			event,
			`/moderate/networks/${network.slug}/households/${outcome.into}`,
			'household_merged'
		);
	}
};
