import { listNetworksByBorough } from '$lib/server/places';
import { m } from '$lib/paraglide/messages';
import { publicAccess } from '$lib/server/guard';
import { linkPreview } from '$lib/server/http/preview';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return {
		...(await listNetworksByBorough()),
		preview: linkPreview(event, { title: m.networks_title(), description: m.networks_intro() })
	};
};
