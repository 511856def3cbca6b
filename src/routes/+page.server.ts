import { publicAccess } from '$lib/server/guard';
import { listBoroughsWithNeighborhoods } from '$lib/server/places';
import { neighborhoodMap } from '$lib/server/places/map';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return { boroughs: await listBoroughsWithNeighborhoods(), map: neighborhoodMap() };
};
