import { publicAccess } from '$lib/server/guard';
import { listServices, parseListQuery } from '$lib/server/directory/hsds';
import { openDataJson } from '$lib/server/http/open-data';
import type { RequestHandler } from './$types';

/** Each network's mutual aid as an HSDS service, with its organization nested, one page at a time. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	return openDataJson(await listServices(parseListQuery(event.url)));
};
