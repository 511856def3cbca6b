// Bench results kept per size, so two sizes can be compared: the targets are ratios across sizes.
import { readFileSync } from 'node:fs';

export const RESULTS = '.data/bench-results';

export interface Timing {
	p50: number;
	p95: number;
	timedOut?: number;
	blocks?: number;
}

export interface Result {
	posts: number;
	at: string;
	/** Set when the sizes were measured side by side, taking turns (bench/side-by-side.ts). */
	sideBySide?: boolean;
	views: Record<string, Timing>;
	concurrency?: { alone: number; tenReaders: number; tenWorstSearches: number };
}

export function percentile(list: number[], p: number) {
	return list.length
		? [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.floor(p * list.length))]!
		: NaN;
}

/** Prints each view's p50/p95 at two sizes, as last measured, and the ratio of their p50s. */
export function compare([small, large]: number[]) {
	const read = (posts: number | undefined) =>
		JSON.parse(readFileSync(`${RESULTS}/${posts}.json`, 'utf8')) as Result;
	printComparison(read(small), read(large));
}

export function printComparison(a: Result, b: Result) {
	const cell = (timing: Timing | undefined) =>
		timing ? `${timing.p50.toFixed(1)} / ${timing.p95.toFixed(1)} (${timing.blocks ?? '?'})` : '-';
	for (const result of [a, b]) {
		console.log(
			`${result.posts} posts: measured at ${result.at}${result.sideBySide ? ', side by side' : ''}`
		);
	}
	console.log(
		'view'.padEnd(34),
		`${a.posts} p50/p95 (blocks)`.padStart(26),
		`${b.posts} p50/p95 (blocks)`.padStart(26),
		'ratio'.padStart(7)
	);
	for (const name of Object.keys(b.views)) {
		const ratio = b.views[name]!.p50 / (a.views[name]?.p50 ?? NaN);
		console.log(
			name.padEnd(34),
			cell(a.views[name]).padStart(26),
			cell(b.views[name]).padStart(26),
			`${ratio.toFixed(2)}×`.padStart(7)
		);
	}
	for (const result of [a, b]) {
		const c = result.concurrency;
		if (c)
			console.log(
				`${result.posts}: board alone ${c.alone.toFixed(1)} ms, with ten readers ${c.tenReaders.toFixed(1)}, with ten worst-case searches ${c.tenWorstSearches.toFixed(1)}`
			);
	}
}
