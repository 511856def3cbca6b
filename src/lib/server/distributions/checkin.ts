// The door: finding a household by the last four digits of its phone or its name, and the changes a
// volunteer makes there. Each change carries an id the page made for it; the id is recorded in the same
// transaction as the change, so a change sent again (a retried form, a queue flushed after a dropped
// connection) is applied once.
import { z } from 'zod';
import { deliverRequest, markNotInStock } from '../households/requests.ts';
import { db } from '../db/index.ts';
import { newToken, type Tx } from './events.ts';

export const operationSchema = z.object({
	op: z.string().regex(/^[\w-]{8,100}$/, 'form_error_invalid'),
	kind: z.enum(['check-in', 'deliver', 'not-in-stock']),
	household: z.coerce.number<string>().int().positive(),
	request: z.coerce.number<string>().int().positive().optional()
});
export type Operation = z.output<typeof operationSchema>;

const doorSelect = (distributionId: number) =>
	({
		id: true,
		name: true,
		phone: true,
		invitations: {
			where: { distributionId },
			select: { status: true, slot: { select: { time: true } } }
		},
		requests: {
			where: { status: 'OPEN' },
			orderBy: { category: 'asc' },
			select: { id: true, category: true }
		}
	}) as const;

type DoorRow = {
	id: number;
	name: string;
	phone: string | null;
	invitations: { status: string; slot: { time: string } | null }[];
	requests: { id: number; category: string }[];
};

/** What the door page shows of a household: never the whole number, only its last four digits. */
const atDoor = ({ phone, invitations, ...household }: DoorRow) => ({
	...household,
	phoneEnd: phone ? phone.slice(-4) : null,
	invitation: invitations[0] ?? null
});

/** Households of the network matching the search (last four digits of the phone, or part of the name). */
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
		select: doorSelect(distributionId)
	});
	return households.map(atDoor);
}

/**
 * The households booked for the day (and those already in), by slot: the door page holds them all, so
 * with JavaScript a search among them works without the network.
 */
export async function bookedForDay(distributionId: number) {
	const households = await db.household.findMany({
		where: { invitations: { some: { distributionId, status: { in: ['CONFIRMED', 'CHECKED_IN'] } } } },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		take: 1000,
		select: doorSelect(distributionId)
	});
	return households
		.map(atDoor)
		.sort((a, b) => (a.invitation?.slot?.time ?? '').localeCompare(b.invitation?.slot?.time ?? ''));
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
