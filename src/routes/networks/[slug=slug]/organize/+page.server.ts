import { fail } from '@sveltejs/kit';
import { requireUser } from '$lib/server/guard';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { networkFor } from '$lib/server/places/network-access';
import { organizerRequestSchema, requestToOrganize } from '$lib/server/places/organizers';
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
		const form = await event.request.formData();
		const values = {
			role: String(form.get('role') ?? ''),
			verification: String(form.get('verification') ?? '')
		};
		const parsed = organizerRequestSchema.safeParse(values);
		if (!parsed.success) {
			return fail(400, { values, error: parsed.error.issues[0]?.message ?? 'organize_error_role' });
		}
		const refused = await refuseIfLimited(event, 'organizerRequest', user.id, { values });
		if (refused) return refused;
		const result = await requestToOrganize(user.id, network.id, parsed.data);
		return { sent: true, already: !result.ok };
	}
};
