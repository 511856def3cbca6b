import { listBoroughsWithNeighborhoods } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({
	boroughs: await listBoroughsWithNeighborhoods()
});
