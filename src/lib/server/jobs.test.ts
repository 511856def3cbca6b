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
		const stop = startScheduledJobs('http://localhost', 60_000, run);
		const stopped = stop().then(() => events.push('stopped'));
		await new Promise((resolve) => setTimeout(resolve, 10));
		expect(events).toEqual(['run started']);
		finish();
		await stopped;
		expect(events).toEqual(['run started', 'run finished', 'stopped']);
	});

	it('starts no new run once stopped', async () => {
		let runs = 0;
		const stop = startScheduledJobs('http://localhost', 5, async () => {
			runs += 1;
		});
		await stop();
		const afterStop = runs;
		await new Promise((resolve) => setTimeout(resolve, 30));
		expect(runs).toBe(afterStop);
	});
});
