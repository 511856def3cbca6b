// The door: finding a household by the last four digits of its phone or its name, and the changes a
// volunteer makes there. Each change carries an id the page made for it; the id is recorded in the same
// transaction as the change, so a change sent again (a retried form, a queue flushed after a dropped
// connection) is applied once.
import { z } from 'zod';
import { deliverRequest, markNotInStock } from '../households/requests.ts';
import { db } from '../db/index.ts';
import { newToken, type Tx } from './events.ts';

export const operationSchema = z.object({
	op: z.string().regex(/^[\w-]{8,64}$/, 'form_error_invalid'),
	kind: z.enum(['check-in', 'deliver', 'not-in-stock']),
	household: z.coerce.number<string>().int().positive(),
	request: z.coerce.number<string>().int().positive().optional()
});
export type Operation = z.output<typeof operationSchema>;

/** Households of the network matching the search, each with its invitation to this day and open requests. */
export async function findAtDoor(distributionId: number, networkId: number, query: string) {
	const q = query.trim();
	if (!q) return [];
	const byPhone = /^\d{4}$/.test(q);
	const households = await db.household.findMany({
		where: {
			networkId,
			...(byPhone ? { phone: { endsWith: q } } : { name: { contains: q, mode: 'insensitive' as const } })
		},
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		take: 20,
		select: {
			id: true,
			name: true,
			phone: true,
			languages: true,
			invitations: {
				where: { distributionId },
				select: { status: true, slot: { select: { time: true } } }
			},
			requests: { where: { status: 'OPEN' }, orderBy: { category: 'asc' }, select: { id: true, category: true } }
		}
	});
	return households.map(({ phone, invitations, ...household }) => ({
		...household,
		phoneEnd: phone ? phone.slice(-4) : null,
		invitation: invitations[0] ?? null
	}));
}

export type Applied = 'applied' | 'duplicate' | 'refused';

/** Applies one change from the door once; 'refused' for a household or request not of this network. */
export async function applyOperation(
	distribution: { id: number; networkId: number },
	op: Operation,
	now = new Date()
): Promise<Applied> {
	return db.$transaction(async (tx) => {
		const household = await tx.household.findFirst({
			where: { id: op.household, networkId: distribution.networkId },
			select: { id: true }
		});
		if (!household) return 'refused';
		if (op.kind !== 'check-in') {
			const request = op.request
				? await tx.householdRequest.count({ where: { id: op.request, householdId: household.id } })
				: 0;
			if (!request) return 'refused';
		}
		const { count } = await tx.checkInOperation.createMany({
			data: [
				{
					id: op.op,
					distributionId: distribution.id,
					kind: op.kind,
					householdId: household.id,
					requestId: op.request ?? null
				}
			],
			skipDuplicates: true
		});
		if (count === 0) return 'duplicate';
		if (op.kind === 'not-in-stock') {
			await markNotInStock(tx, op.request!, distribution.id);
			return 'applied';
		}
		// Receiving something means the household came.
		await checkIn(tx, distribution.id, household.id, now);
		if (op.kind === 'deliver') await deliverRequest(tx, op.request!, distribution.id);
		return 'applied';
	});
}

async function checkIn(tx: Tx, distributionId: number, householdId: number, now: Date) {
	const existing = await tx.invitation.findUnique({
		where: { distributionId_householdId: { distributionId, householdId } },
		select: { status: true }
	});
	if (existing?.status === 'CHECKED_IN') return;
	await tx.invitation.upsert({
		where: { distributionId_householdId: { distributionId, householdId } },
		// A household that walks in without an invitation is counted too.
		create: {
			distributionId,
			householdId,
			token: newToken(),
			locale: 'en',
			status: 'CHECKED_IN',
			checkedInAt: now
		},
		update: { status: 'CHECKED_IN', checkedInAt: now }
	});
	await tx.household.update({ where: { id: householdId }, data: { noShowsInARow: 0 } });
}
