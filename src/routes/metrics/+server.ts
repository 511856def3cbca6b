import { requireMetricsToken } from '$lib/server/guard';
import { registry } from '$lib/server/metrics';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await requireMetricsToken(event);
	// The guard answered 404 unless METRICS_TOKEN is set, and with it set the registry exists.
	const metrics = registry!;
	return new Response(await metrics.metrics(), {
		headers: { 'content-type': metrics.contentType, 'cache-control': 'no-store' }
	});
};
