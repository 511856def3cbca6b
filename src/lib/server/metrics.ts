// Prometheus metrics, served at /metrics only when METRICS_TOKEN is set (routes/metrics). Labels are
// route ids and job names, never paths or anything a person typed, so the series stay few and no
// personal data reaches the scraper. Without the token nobody can read them, so nothing is collected:
// prom-client is not even loaded, and the request and job hooks return at once.
import type { Registry } from 'prom-client';
import { metricsToken } from './config.ts';
import { db, poolStats } from './db/index.ts';
import { Channel } from './db/generated/enums.ts';

async function createMetrics() {
	const { default: client } = await import('prom-client');
	const registry = new client.Registry();
	client.collectDefaultMetrics({ register: registry });

	const requests = new client.Counter({
		name: 'eachother_http_requests_total',
		help: 'Requests answered, by route, method and status',
		labelNames: ['route', 'method', 'status'] as const,
		registers: [registry]
	});

	const latency = new client.Histogram({
		name: 'eachother_http_request_duration_seconds',
		help: 'Time to answer a request, by route and method',
		labelNames: ['route', 'method'] as const,
		buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
		registers: [registry]
	});

	const jobRuns = new client.Counter({
		name: 'eachother_job_runs_total',
		help: 'Scheduled job runs, by job and outcome',
		labelNames: ['job', 'outcome'] as const,
		registers: [registry]
	});

	new client.Gauge({
		name: 'eachother_outbox_pending',
		help: 'Messages waiting in the outbox, by channel',
		labelNames: ['channel'] as const,
		registers: [registry],
		async collect() {
			for (const channel of Object.values(Channel)) {
				const pending = await db.outboxMessage.count({ where: { channel, sentAt: null } });
				this.set({ channel: channel.toLowerCase() }, pending);
			}
		}
	});

	new client.Gauge({
		name: 'eachother_outbox_oldest_pending_seconds',
		help: 'Age of the oldest message still waiting in the outbox, by channel (0 when none)',
		labelNames: ['channel'] as const,
		registers: [registry],
		async collect() {
			for (const channel of Object.values(Channel)) {
				const oldest = await db.outboxMessage.findFirst({
					where: { channel, sentAt: null },
					orderBy: { createdAt: 'asc' },
					select: { createdAt: true }
				});
				const age = oldest ? (Date.now() - oldest.createdAt.getTime()) / 1000 : 0;
				this.set({ channel: channel.toLowerCase() }, age);
			}
		}
	});

	new client.Gauge({
		name: 'eachother_db_pool_connections',
		help: 'Database pool connections, by pool (primary, replica): open, idle, and requests waiting for one',
		labelNames: ['pool', 'state'] as const,
		registers: [registry],
		collect() {
			for (const [pool, stats] of Object.entries(poolStats())) {
				for (const [state, count] of Object.entries(stats)) this.set({ pool, state }, count);
			}
		}
	});
	return { registry, requests, latency, jobRuns };
}

const metrics = metricsToken() === undefined ? undefined : await createMetrics();

/** Undefined without a METRICS_TOKEN (the route answers 404 then). */
export const registry: Registry | undefined = metrics?.registry;

export function observeRequest(route: string, method: string, status: number, seconds: number) {
	if (!metrics) return;
	metrics.requests.inc({ route, method, status: String(status) });
	metrics.latency.observe({ route, method }, seconds);
}

export function countJobRun(job: string, outcome: 'ok' | 'failed') {
	metrics?.jobRuns.inc({ job, outcome });
}
