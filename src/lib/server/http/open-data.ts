// How every open-data endpoint answers (the posts API, the HSDS directory): JSON any site may read from
// a browser, cached a minute so a harvester does not reach the database on every call.
import { json } from '@sveltejs/kit';

export const openDataJson = (body: unknown, status = 200) =>
	json(body, {
		status,
		headers: { 'access-control-allow-origin': '*', 'cache-control': 'public, max-age=60' }
	});
