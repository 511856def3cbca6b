// The audit log (moderation_log): append-only, one row per moderator, organizer or admin action, read
// by the network's moderators. Every write goes through record() so every entry has the same shape.
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import type { RelayAct } from './relay.ts';
import { paginate } from '../http/pages.ts';

export const LOG_PAGE_SIZE = 50;

/** What a moderator does to a post (moderate() in actions.ts). */
export type ModerationAction =
	'approve' | 'hide' | 'restore' | 'close' | 'dismiss' | 'handoff' | 'lock' | 'unlock' | 'suspend' | 'edit';

export type AuditAction =
	| ModerationAction
	// A moderator posting for a neighbor (intake.ts)
	| 'intake'
	// The team offering a need a place on the household roster (households/take-in.ts)
	| 'take_in_offer'
	// The team relaying an intake post's replies and messages, as the network (relay.ts)
	| `relay_${RelayAct}`
	// Site admins and organizers, on a network (networks/)
	| 'verify'
	| 'reject_organizer'
	| 'edit_profile'
	| 'invite_moderator'
	| 'deactivate'
	| 'reactivate'
	// Organizers pausing new requests and setting limits (networks/pause.ts, networks/limits.ts)
	| 'pause'
	| 'resume'
	| 'limits';

export interface AuditEntry {
	networkId: number;
	actorId: string;
	action: AuditAction;
	postId?: number;
	reason?: string;
	details?: string;
}

/** Pass the transaction that makes the change, so the change and its entry are written together. */
export async function record(
	writer: Pick<Prisma.TransactionClient, 'moderationLogEntry'>,
	entry: AuditEntry
) {
	await writer.moderationLogEntry.create({ data: entry });
}

export async function list(networkIds: number[], page = 1) {
	const where = { networkId: { in: networkIds } };
	return paginate(
		page,
		LOG_PAGE_SIZE,
		() => db.moderationLogEntry.count({ where }),
		(skip, take) =>
			db.moderationLogEntry.findMany({
				where,
				orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
				skip,
				take,
				select: {
					id: true,
					action: true,
					reason: true,
					details: true,
					createdAt: true,
					postId: true,
					network: { select: { name: true } },
					actor: { select: { name: true } }
				}
			})
	);
}
