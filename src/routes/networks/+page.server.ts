import { listNetworksByBorough } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ groups: await listNetworksByBorough() });
