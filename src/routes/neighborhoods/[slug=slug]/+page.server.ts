import { error } from '@sveltejs/kit';
import { getNeighborhood } from '$lib/server/places';
import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const neighborhood = await getNeighborhood(event.params.slug);
	if (!neighborhood) error(404, 'Not found');
	return { neighborhood };
};
