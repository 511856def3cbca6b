import { error } from '@sveltejs/kit';
import { publicOrigin } from '$lib/server/config';
import { db } from '$lib/server/db';
import { distributionCalendar } from '$lib/server/distributions/calendar-feed';
import { publicAccess } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const network = await db.network.findUnique({
		where: { slug: event.params.slug },
		select: { id: true, name: true, slug: true }
	});
	if (!network) error(404, 'Not found');
	return new Response(await distributionCalendar(network, publicOrigin()), {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
};
