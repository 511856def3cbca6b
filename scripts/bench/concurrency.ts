// Ten people at once: each sends one query after another, on the bench's one pool as the app would,
// while the board is timed for someone else. The board is measured for a fixed few seconds.
import { listBoard, parseBoardFilters } from '../../src/lib/server/posts/board.ts';
import { percentile } from './results.ts';

export async function loadUnder(
	people: number,
	queries: string[],
	measured: () => Promise<unknown>,
	seconds = 5
) {
	let running = true;
	let failed = 0;
	const person = async (index: number) => {
		for (let i = index; running; i++) {
			const query = queries[i % queries.length]!;
			await listBoard(parseBoardFilters(new URLSearchParams(query))).catch(() => failed++);
		}
	};
	const crowd = Array.from({ length: people }, (_, index) => person(index));
	const times: number[] = [];
	let measuredFailed = 0;
	try {
		const until = performance.now() + seconds * 1000;
		while (performance.now() < until) {
			const started = performance.now();
			// A failure (the pool's wait for a connection ran out) is counted, not timed.
			const answered = await measured().then(
				() => true,
				() => false
			);
			if (answered) times.push(performance.now() - started);
			else measuredFailed++;
		}
	} finally {
		running = false;
		await Promise.all(crowd);
	}
	return { p50: percentile(times, 0.5), p95: percentile(times, 0.95), failed, measuredFailed };
}
