import { listNetworksByBorough } from '$lib/server/places';
import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return await listNetworksByBorough();
};
