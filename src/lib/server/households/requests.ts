// Placeholder for the households branch's requests.ts (same signatures), which replaces it on merge:
// distribution days only need a request delivered, kept open, or timed out.
import type { Prisma } from '../db/generated/client.ts';

type Tx = Prisma.TransactionClient;
export type TimeoutReason = 'expired' | 'no-show';

const record = (tx: Tx, requestId: number, kind: string, distributionId?: number | null) =>
	tx.householdRequestEvent.create({ data: { requestId, kind, distributionId: distributionId ?? null } });

export async function deliverRequest(tx: Tx, requestId: number, distributionId?: number) {
	const { count } = await tx.householdRequest.updateMany({
		where: { id: requestId, status: 'OPEN' },
		data: { status: 'DELIVERED', closedAt: new Date() }
	});
	if (count === 1) await record(tx, requestId, 'delivered', distributionId);
	return count === 1;
}

export async function markNotInStock(tx: Tx, requestId: number, distributionId: number) {
	const open = await tx.householdRequest.count({ where: { id: requestId, status: 'OPEN' } });
	if (open === 1) await record(tx, requestId, 'not-in-stock', distributionId);
	return open === 1;
}

export async function timeOutRequests(tx: Tx, householdIds: number[], reason: TimeoutReason) {
	const open = await tx.householdRequest.findMany({
		where: { householdId: { in: householdIds }, status: 'OPEN' },
		select: { id: true }
	});
	for (const { id } of open) {
		await tx.householdRequest.update({ where: { id }, data: { status: 'TIMED_OUT', closedAt: new Date() } });
		await record(tx, id, reason === 'expired' ? 'timed-out' : 'no-show');
	}
	return open.length;
}
