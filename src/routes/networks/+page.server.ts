import { listNetworks } from '$lib/server/places';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => ({ networks: await listNetworks() });
