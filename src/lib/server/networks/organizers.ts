// Organizers take over their network's listing: they ask, a site admin approves, and the network
// becomes VERIFIED (its organizers then edit it, profile.ts, and invite moderators, moderators.ts).
import { z } from 'zod';
import { db } from '../db/index.ts';
import { id, line, paragraph } from '../http/fields.ts';
import { paginate } from '../http/pages.ts';
import * as audit from '../moderation/audit.ts';
import { referenceDataChanged } from '../places/cache.ts';

export const organizerRequestSchema = z.object({
	role: line(200, 'organize_error_role').pipe(z.string().min(2, 'organize_error_role')),
	verification: paragraph(1000, 'organize_error_verification').pipe(
		z.string().min(5, 'organize_error_verification')
	)
});

export const organizerDecisionSchema = z.object({
	request: id(),
	decision: z.enum(['approve', 'reject'], 'form_error_invalid')
});

export async function requestToOrganize(
	userId: string,
	networkId: number,
	request: z.output<typeof organizerRequestSchema>
) {
	const pending = await db.organizerRequest.findFirst({ where: { userId, networkId, status: 'PENDING' } });
	if (pending) return { ok: false as const };
	await db.organizerRequest.create({ data: { userId, networkId, ...request } });
	return { ok: true as const };
}

export const REQUESTS_PAGE_SIZE = 20;

/** The requests waiting for an admin, oldest first, a page at a time. */
export async function pendingOrganizerRequests(page = 1) {
	const where = { status: 'PENDING' } as const;
	return paginate(
		page,
		REQUESTS_PAGE_SIZE,
		() => db.organizerRequest.count({ where }),
		(skip, take) =>
			db.organizerRequest.findMany({
				where,
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				skip,
				take,
				select: {
					id: true,
					role: true,
					verification: true,
					createdAt: true,
					user: { select: { name: true, email: true } },
					network: { select: { name: true, slug: true } }
				}
			})
	);
}

/** Approving makes the person an organizer and the network verified, in one transaction with its log entry. */
export async function decideOrganizerRequest(
	adminId: string,
	requestId: number,
	approve: boolean,
	now = new Date()
) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.organizerRequest.updateMany({
			where: { id: requestId, status: 'PENDING' },
			data: { status: approve ? 'APPROVED' : 'REJECTED', decidedAt: now }
		});
		if (count !== 1) return;
		const request = await tx.organizerRequest.findUniqueOrThrow({ where: { id: requestId } });
		if (approve) {
			await tx.networkMembership.upsert({
				where: { userId_networkId: { userId: request.userId, networkId: request.networkId } },
				create: {
					userId: request.userId,
					networkId: request.networkId,
					role: 'ORGANIZER',
					grantedById: adminId
				},
				update: { role: 'ORGANIZER', grantedById: adminId }
			});
			await tx.network.update({
				where: { id: request.networkId },
				data: { status: 'VERIFIED', editedAt: now }
			});
		}
		await audit.record(tx, {
			networkId: request.networkId,
			actorId: adminId,
			action: approve ? 'verify' : 'reject_organizer'
		});
	});
	// Approval makes the network verified, which the network list shows.
	referenceDataChanged();
}
