// A network that has stopped working is marked no longer active rather than removed: its page, its
// posts and its moderation log stay, while routing (places/index.ts) stops sending it new posts.
import { z } from 'zod';
import { db } from '../db/index.ts';
import * as audit from '../moderation/audit.ts';
import { referenceDataChanged } from '../places/cache.ts';

/** The confirm page's one button says which way it goes, so a stale page cannot flip it back. */
export const networkStatusSchema = z.object({
	active: z.enum(['yes', 'no']).transform((value) => value === 'yes')
});

/**
 * Callers authorize 'network:setActive' first. Only a real change is written and logged, so a form
 * sent twice (a double tap, a reload) leaves one entry and keeps the first date.
 */
export async function setNetworkActive(
	actorId: string,
	networkId: number,
	active: boolean,
	now = new Date()
) {
	const changed = await db.$transaction(async (tx) => {
		const { count } = await tx.network.updateMany({
			where: { id: networkId, inactiveSince: active ? { not: null } : null },
			data: { inactiveSince: active ? null : now }
		});
		if (count) await audit.record(tx, { networkId, actorId, action: active ? 'reactivate' : 'deactivate' });
		return count > 0;
	});
	if (changed) referenceDataChanged();
	return changed;
}
