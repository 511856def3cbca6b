import { error } from '@sveltejs/kit';
import { getNeighborhood } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const neighborhood = await getNeighborhood(params.slug);
	if (!neighborhood) error(404, 'Not found');
	return { neighborhood };
};
