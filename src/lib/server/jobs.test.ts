import { describe, expect, it } from 'vitest';
import { startScheduledJobs } from './jobs.ts';

describe('startScheduledJobs', () => {
	it('stops only after the run in progress has finished, so shutdown never closes the pool under a job', async () => {
		const events: string[] = [];
		let finish = () => {};
		const run = () => {
			events.push('run started');
			return new Promise<void>((resolve) => {
				finish = () => {
					events.push('run finished');
					resolve();
				};
			});
		};
		const stop = startScheduledJobs('http://localhost', { intervalMs: 60_000, run });
		await new Promise((resolve) => setTimeout(resolve, 10));
		const stopped = stop().then(() => events.push('stopped'));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(events).toEqual(['run started']);
		finish();
		await stopped;
		expect(events).toEqual(['run started', 'run finished', 'stopped']);
	});

	it('starts no new run once stopped', async () => {
		let runs = 0;
		const stop = startScheduledJobs('http://localhost', {
			intervalMs: 5,
			run: async () => {
				runs += 1;
			}
		});
		await stop();
		const afterStop = runs;
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(runs).toBe(afterStop);
	});

	it('makes its first run only after the wait it is given, then every interval', async () => {
		const runs: number[] = [];
		const started = Date.now();
		const stop = startScheduledJobs('http://localhost', {
			intervalMs: 200,
			firstRunAfterMs: 60,
			run: async () => {
				runs.push(Date.now() - started);
			}
		});
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(runs).toEqual([]);
		await new Promise((resolve) => setTimeout(resolve, 300));
		await stop();
		expect(runs).toHaveLength(2);
		expect(runs[0]).toBeGreaterThanOrEqual(59);
	});
});
