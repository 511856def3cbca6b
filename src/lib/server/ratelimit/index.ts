// Fixed-window counters in PostgreSQL, so a limit holds across every app instance.
import { createHash } from 'node:crypto';
import { db } from '../db/index.ts';

export interface Limit {
	/** What is limited and for whom, e.g. signin-email + the address; hashed before it is stored. */
	key: string;
	max: number;
	windowSeconds: number;
}

export type LimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** Counts one attempt against the limit and says whether it may go ahead. */
export async function hitLimit({ key, max, windowSeconds }: Limit, now = new Date()): Promise<LimitResult> {
	const windowMs = windowSeconds * 1000;
	const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
	const [row] = await db.$queryRaw<{ count: number }[]>`
		INSERT INTO rate_limit_windows (key, window_start, count) VALUES (${hashKey(key)}, ${windowStart}, 1)
		ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_windows.count + 1
		RETURNING count`;
	if ((row?.count ?? 0) <= max) return { allowed: true };
	return {
		allowed: false,
		retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000))
	};
}

/** Checks several limits, counting against each; the longest wait wins. */
export async function hitLimits(limits: Limit[], now = new Date()): Promise<LimitResult> {
	let wait = 0;
	for (const limit of limits) {
		const result = await hitLimit(limit, now);
		if (!result.allowed) wait = Math.max(wait, result.retryAfterSeconds);
	}
	return wait ? { allowed: false, retryAfterSeconds: wait } : { allowed: true };
}

export async function purgeOldWindows(olderThanSeconds = 24 * 60 * 60) {
	await db.rateLimitWindow.deleteMany({
		where: { windowStart: { lt: new Date(Date.now() - olderThanSeconds * 1000) } }
	});
}
