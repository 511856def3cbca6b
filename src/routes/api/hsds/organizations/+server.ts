import { publicAccess } from '$lib/server/guard';
import { listOrganizations, parseListQuery } from '$lib/server/directory/hsds';
import { openDataJson } from '$lib/server/http/open-data';
import type { RequestHandler } from './$types';

/** The networks as HSDS organizations, each with its service nested, one page at a time. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	return openDataJson(await listOrganizations(parseListQuery(event.url)));
};
