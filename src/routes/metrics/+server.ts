import { requireMetricsToken } from '$lib/server/guard';
import { registry } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await requireMetricsToken(event);
	return new Response(await registry.metrics(), {
		headers: { 'content-type': registry.contentType, 'cache-control': 'no-store' }
	});
};
