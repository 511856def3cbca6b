import { publicAccess } from '$lib/server/guard';
import { m } from '$lib/paraglide/messages';
import { getOrganization } from '$lib/server/directory/hsds';
import { openDataJson } from '$lib/server/http/open-data';
import type { RequestHandler } from './$types';

/** One network as an HSDS organization with its service; an unknown id is a JSON 404. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const organization = await getOrganization(event.params.id);
	return organization ? openDataJson(organization) : openDataJson({ error: m.hsds_not_found() }, 404);
};
