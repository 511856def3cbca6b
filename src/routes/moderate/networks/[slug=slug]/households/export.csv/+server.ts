import { authorizeNetwork } from '$lib/server/guard';
import { householdsCsv } from '$lib/server/households/export';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	return new Response(await householdsCsv(network.id), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${network.slug}-households.csv"`,
			'cache-control': 'no-store'
		}
	});
};
