import { error } from '@sveltejs/kit';
import { publicAccess } from '$lib/server/guard';
import { neighborhoodFlyer } from '$lib/server/places/flyer';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const flyer = await neighborhoodFlyer(event.params.slug, event.url.searchParams);
	if (!flyer) error(404, 'Not found');
	return { flyer };
};
