import { networkPostsCsv } from '$lib/server/moderation/exports';
import { authorizeNetwork } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:moderate', event.params.slug);
	return new Response(await networkPostsCsv(network.id), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${network.slug}-posts.csv"`,
			'cache-control': 'no-store'
		}
	});
};
