import { afterEach, expect, it, vi } from 'vitest';

// The module decides at load whether to collect, as the app does at start, so each case loads it anew.
async function metricsWith(token: string | undefined) {
	vi.resetModules();
	vi.stubEnv('METRICS_TOKEN', token);
	return import('./metrics.ts');
}

afterEach(() => {
	vi.unstubAllEnvs();
});

type Metrics = Awaited<ReturnType<typeof metricsWith>>;

// Reads single metrics, so the gauges that ask the database are not collected here.
const recorded = async ({ registry }: Metrics, name: string) =>
	(await registry?.getSingleMetric(name)?.get())?.values.length ?? 0;

it('collects nothing, and loads no metrics library, when no METRICS_TOKEN is set', async () => {
	const metrics = await metricsWith('');
	metrics.observeRequest('/posts/[id]', 'GET', 200, 0.01);
	metrics.countJobRun('expire', 'ok');
	expect(metrics.registry).toBeUndefined();
});

it('collects requests, jobs and the process when METRICS_TOKEN is set', async () => {
	const metrics = await metricsWith('scrape-token');
	metrics.observeRequest('/posts/[id]', 'GET', 200, 0.01);
	metrics.countJobRun('expire', 'ok');
	expect(metrics.registry?.getSingleMetric('process_cpu_user_seconds_total')).toBeDefined();
	expect(await recorded(metrics, 'eachother_http_requests_total')).toBe(1);
	expect(await recorded(metrics, 'eachother_job_runs_total')).toBe(1);
});
