import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

// What the service worker shows for a page it does not have while there is no connection; it fetches
// this page once per language the person reads in, without cookies.
export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return {};
};
