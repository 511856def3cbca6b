import { endSession } from '$lib/server/auth';
import { requireUser } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		await requireUser(event);
		return endSession(event);
	}
};
