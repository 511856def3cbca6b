// Anyone signed in reports a post, or a message in a claim's thread, to the post's network moderators.
import type { z } from 'zod';
import { db } from '../db/index.ts';
import type { reportSchema } from './schemas.ts';

export type Report = z.output<typeof reportSchema>;

/**
 * Callers count the report against the 'report' limit (ratelimit/limits.ts) first. A reported message
 * must be one the reporter received on this post: its moderators will read it.
 */
export async function submitReport(
	reporterId: string,
	postId: number,
	{ reason, note }: Report,
	message?: { id: number }
) {
	await db.report.create({ data: { postId, reporterId, reason, note, messageId: message?.id ?? null } });
}
