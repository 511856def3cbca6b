import * as audit from '$lib/server/moderation/audit';
import { moderatedNetworksOf } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { networks } = await moderatedNetworksOf(event);
	return {
		log: await audit.list(
			networks.map((n) => n.id),
			requestedPage(event.url)
		)
	};
};
