import { publicAccess } from '$lib/server/guard';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const user = await publicAccess(event);
	// Only what the header needs.
	return {
		viewer: user
			? { name: user.name, isAdmin: user.isAdmin, moderates: user.isAdmin || user.memberships.length > 0 }
			: null
	};
};
