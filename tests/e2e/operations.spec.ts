// What an operator sees: request ids to follow a request through the logs, and Prometheus metrics
// behind a token.
import { expect, test } from '@playwright/test';
import { METRICS_TOKEN } from './support/env.ts';

const scrape = (request: import('@playwright/test').APIRequestContext, token?: string) =>
	request.get('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});

test('every response carries a request id, and a proxy id that looks like one is kept', async ({
	request
}) => {
	const fresh = await request.get('/board');
	expect(fresh.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
	const kept = await request.get('/board', { headers: { 'x-request-id': 'proxy-abc.123' } });
	expect(kept.headers()['x-request-id']).toBe('proxy-abc.123');
	const replaced = await request.get('/board', { headers: { 'x-request-id': 'no spaces <allowed>' } });
	expect(replaced.headers()['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
});

test('metrics are a 404 without the token and count requests by route with it', async ({ request }) => {
	expect((await scrape(request)).status()).toBe(404);
	expect((await scrape(request, 'wrong-token')).status()).toBe(404);
	await request.get('/board?q=something+personal');
	// The scheduled jobs first run a few seconds after the server starts.
	let text = '';
	await expect
		.poll(
			async () => {
				const response = await scrape(request, METRICS_TOKEN);
				text = await response.text();
				return response.status() === 200 && /eachother_job_runs_total\{job="expirePosts"/.test(text);
			},
			{ timeout: 15_000 }
		)
		.toBe(true);
	expect(text).toMatch(/eachother_http_requests_total\{route="\/board",method="GET",status="200"\} [1-9]/);
	expect(text).toMatch(/eachother_http_request_duration_seconds_bucket\{le="0.005",route="\/board"/);
	expect(text).toMatch(/eachother_outbox_pending\{channel="mail"\} \d+/);
	expect(text).toMatch(/eachother_outbox_oldest_pending_seconds\{channel="mail"\} [\d.]+/);
	expect(text).toMatch(/eachother_db_pool_connections\{pool="primary",state="total"\} \d+/);
	expect(text).toMatch(/eachother_job_runs_total\{job="expirePosts",outcome="ok"\} [1-9]/);
	expect(text).toMatch(/process_resident_memory_bytes \d+/);
	// Routes, not paths or queries: nothing a person typed reaches the scraper.
	expect(text).not.toContain('personal');
});
