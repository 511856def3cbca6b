// How long each kind of request stays open in a network before it times out, and the jobs that warn a
// household before and close the request when the time is up, each once however many app instances run
// them (requests.ts claims every request with a conditional update, in the transaction that texts).
import { z } from 'zod';
import { CATEGORIES, type Category } from '$lib/posts';
import { db } from '../db/index.ts';
import { closeRequests, warnRequest } from './requests.ts';

export const DEFAULT_TIMEOUT_DAYS = 14;
/** The household is told this long before a request times out. */
export const WARN_DAYS_BEFORE = 2;
/** A household with nothing open and nothing done for this long is deleted (retention). */
export const RETENTION_MONTHS = 12;
const BATCH = 200;

/** Each category's days in this network, the default where the network set none. */
export async function timeoutsOf(networkId: number): Promise<Record<Category, number>> {
	const set = await db.requestTimeout.findMany({ where: { networkId } });
	const days = Object.fromEntries(CATEGORIES.map((c) => [c, DEFAULT_TIMEOUT_DAYS])) as Record<
		Category,
		number
	>;
	for (const row of set) days[row.category] = row.days;
	return days;
}

const days = z.coerce
	.number('household_error_days')
	.int('household_error_days')
	.min(1, 'household_error_days')
	.max(365, 'household_error_days');
export const timeoutsSchema = z.object(
	Object.fromEntries(CATEGORIES.map((c) => [c, days]))
) as unknown as z.ZodType<Record<Category, number>>;

/** Saves the network's days per category; the default is not stored, so changing it later reaches them. */
export async function setTimeouts(networkId: number, input: Record<Category, number>) {
	await db.$transaction(async (tx) => {
		await tx.requestTimeout.deleteMany({ where: { networkId } });
		await tx.requestTimeout.createMany({
			data: CATEGORIES.filter((c) => input[c] !== DEFAULT_TIMEOUT_DAYS).map((category) => ({
				networkId,
				category,
				days: input[category]
			}))
		});
	});
}

/** Open requests whose time is up `daysBefore` days from `now`, in the network's days for their kind. */
function dueRequests(now: Date, daysBefore: number, unwarnedOnly: boolean) {
	return db.$queryRaw<{ id: number; days: number }[]>`
		SELECT r.id, COALESCE(t.days, ${DEFAULT_TIMEOUT_DAYS}::int) AS days
		FROM household_requests r
		JOIN households h ON h.id = r.household_id
		LEFT JOIN request_timeouts t ON t.network_id = h.network_id AND t.category = r.category
		WHERE r.status = 'OPEN'
			AND (NOT ${unwarnedOnly}::boolean OR r.warned_at IS NULL)
			AND r.opened_at + make_interval(days => COALESCE(t.days, ${DEFAULT_TIMEOUT_DAYS}::int) - ${daysBefore}::int) <= ${now}
		ORDER BY r.opened_at, r.id
		LIMIT ${BATCH}`;
}

/** Tells each household, once, that a request closes in two days. Returns how many were warned. */
export async function warnExpiringRequests(now = new Date()) {
	let warned = 0;
	// A request whose whole time is under two days is not warned: it times out first.
	for (const { id, days } of await dueRequests(now, WARN_DAYS_BEFORE, true)) {
		if (days <= WARN_DAYS_BEFORE) continue;
		if (await db.$transaction((tx) => warnRequest(tx, id, WARN_DAYS_BEFORE))) warned++;
	}
	return warned;
}

/** Times out every request past its network's days for its kind, telling the household once. */
export async function expireDueRequests(now = new Date()) {
	let expired = 0;
	for (const { id } of await dueRequests(now, 0, false)) {
		expired += await db.$transaction((tx) => closeRequests(tx, [id], 'expired'));
	}
	return expired;
}

/**
 * Deletes households with nothing open and nothing done for twelve months: the roster keeps only the
 * people a network is serving. One statement, so several instances running it cannot collide.
 */
export async function purgeInactiveHouseholds(now = new Date()) {
	const cutoff = new Date(now);
	cutoff.setUTCMonth(cutoff.getUTCMonth() - RETENTION_MONTHS);
	return db.$executeRaw`
		DELETE FROM households h
		WHERE h.updated_at < ${cutoff} AND h.created_at < ${cutoff}
			AND NOT EXISTS (SELECT 1 FROM household_requests r WHERE r.household_id = h.id AND r.status = 'OPEN')
			AND NOT EXISTS (
				SELECT 1 FROM household_requests r JOIN household_request_events e ON e.request_id = r.id
				WHERE r.household_id = h.id AND e.at >= ${cutoff}
			)`;
}
