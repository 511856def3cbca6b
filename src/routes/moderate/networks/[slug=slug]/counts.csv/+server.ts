import { authorizeNetwork } from '$lib/server/guard';
import { householdStatsCsv } from '$lib/server/households/stats';
import type { RequestHandler } from './$types';

// Counts only, no people: the same audience as the dashboard.
export const GET: RequestHandler = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:moderate', event.params.slug);
	return new Response(await householdStatsCsv(network.id), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${network.slug}-counts.csv"`,
			'cache-control': 'no-store'
		}
	});
};
