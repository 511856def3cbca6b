import { publicAccess } from '$lib/server/guard';
import { apiInfo } from '$lib/server/directory/hsds';
import { openDataJson } from '$lib/server/http/open-data';
import type { RequestHandler } from './$types';

/** HSDS's API root: the version served and who publishes it. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	return openDataJson(apiInfo());
};
