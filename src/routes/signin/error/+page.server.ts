import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	// Auth.js names the failure in ?error=; "Verification" is an expired or already-used link.
	return { expiredLink: event.url.searchParams.get('error') === 'Verification' };
};
