// The end of a distribution day: households that booked and did not come are no-shows. A second
// no-show in a row times the household's open requests out (with a kind text on how to ask again, sent
// by the households module); coming to any day resets the count (checkin.ts).
import { timeOutRequests } from '../households/requests.ts';
import { db } from '../db/index.ts';

/** Closes the day once; returns how many no-shows it marked, or null when it was closed already. */
export async function closeDistribution(distributionId: number, now = new Date()) {
	return db.$transaction(async (tx) => {
		const { count } = await tx.distribution.updateMany({
			where: { id: distributionId, closedAt: null },
			data: { closedAt: now }
		});
		if (!count) return null;
		const missed = await tx.invitation.findMany({
			where: { distributionId, status: 'CONFIRMED' },
			select: { id: true, householdId: true }
		});
		if (!missed.length) return 0;
		await tx.invitation.updateMany({
			where: { id: { in: missed.map((i) => i.id) } },
			data: { status: 'NO_SHOW' }
		});
		const householdIds = missed.map((i) => i.householdId);
		await tx.household.updateMany({
			where: { id: { in: householdIds } },
			data: { noShowsInARow: { increment: 1 } }
		});
		const second = await tx.household.findMany({
			where: { id: { in: householdIds }, noShowsInARow: { gte: 2 } },
			select: { id: true }
		});
		if (second.length) {
			const ids = second.map((h) => h.id);
			await timeOutRequests(tx, ids, 'no-show');
			// The requests are closed; a new ask starts the count again.
			await tx.household.updateMany({ where: { id: { in: ids } }, data: { noShowsInARow: 0 } });
		}
		return missed.length;
	});
}

/**
 * Attendance at a network's closed days: households that came out of those that booked. Counts only,
 * for the anonymized dashboard.
 */
export async function attendance(networkId: number) {
	const rows = await db.invitation.groupBy({
		by: ['status'],
		where: {
			status: { in: ['CHECKED_IN', 'NO_SHOW'] },
			distribution: { networkId, closedAt: { not: null } }
		},
		_count: true
	});
	const came = rows.find((r) => r.status === 'CHECKED_IN')?._count ?? 0;
	const missed = rows.find((r) => r.status === 'NO_SHOW')?._count ?? 0;
	const days = await db.distribution.count({ where: { networkId, closedAt: { not: null } } });
	return { days, came, missed, rate: came + missed ? came / (came + missed) : null };
}
