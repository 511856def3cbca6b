import { activityOf } from '$lib/server/claims';
import { requireUser } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	return activityOf(user.id);
};
