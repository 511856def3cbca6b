import { error } from '@sveltejs/kit';
import { getNetwork } from '$lib/server/places';
import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const network = await getNetwork(event.params.slug);
	if (!network) error(404, 'Not found');
	return { network };
};
