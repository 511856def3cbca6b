import { error } from '@sveltejs/kit';
import { getNetwork } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ params }) => {
	const network = await getNetwork(params.slug);
	if (!network) error(404, 'Not found');
	return { network };
};
