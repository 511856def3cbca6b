import { publicAccess } from '$lib/server/guard';
import { placeFeed } from '$lib/server/posts/feed-routes';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	return placeFeed(event, 'network');
};
