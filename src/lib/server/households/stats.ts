// Anonymized counts of a network's household requests for its dashboard and counts CSV: numbers per
// week and kind, never a name, a number or an id.
import type { Category } from '$lib/posts';
import { db } from '../db/index.ts';
import { attendance } from '../distributions/close.ts';
import { spreadsheetCsv } from '../moderation/exports.ts';

/** How many weeks back the dashboard counts deliveries. */
export const STATS_WEEKS = 12;

export interface HouseholdStats {
	/** Requests delivered, per week (its Monday, UTC) and category, newest week first. */
	fulfilledByWeek: { week: string; category: Category; count: number }[];
	/** Households that received anything, ever and in the weeks counted. */
	householdsServed: number;
	householdsServedRecently: number;
	/** From a request opening to its delivery; null before the first delivery. */
	medianDaysToDelivery: number | null;
}

export async function householdStats(networkId: number, now = new Date()): Promise<HouseholdStats> {
	const since = new Date(now.getTime() - STATS_WEEKS * 7 * 24 * 60 * 60 * 1000);
	const [weeks, served, timing] = await Promise.all([
		db.$queryRaw<{ week: Date; category: Category; count: number }[]>`
			SELECT date_trunc('week', r.closed_at) AS week, r.category::text AS category, count(*)::int AS count
			  FROM household_requests r JOIN households h ON h.id = r.household_id
			 WHERE h.network_id = ${networkId} AND r.status = 'DELIVERED' AND r.closed_at >= ${since}
			 GROUP BY 1, 2 ORDER BY 1 DESC, 3 DESC, 2`,
		db.$queryRaw<{ ever: number; recently: number }[]>`
			SELECT count(DISTINCT r.household_id)::int AS ever,
			       count(DISTINCT r.household_id) FILTER (WHERE r.closed_at >= ${since})::int AS recently
			  FROM household_requests r JOIN households h ON h.id = r.household_id
			 WHERE h.network_id = ${networkId} AND r.status = 'DELIVERED'`,
		db.$queryRaw<{ median_days: number | null }[]>`
			SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.closed_at - r.opened_at) / 86400) AS median_days
			  FROM household_requests r JOIN households h ON h.id = r.household_id
			 WHERE h.network_id = ${networkId} AND r.status = 'DELIVERED'`
	]);
	return {
		fulfilledByWeek: weeks.map((w) => ({
			week: w.week.toISOString().slice(0, 10),
			category: w.category,
			count: w.count
		})),
		householdsServed: served[0]?.ever ?? 0,
		householdsServedRecently: served[0]?.recently ?? 0,
		medianDaysToDelivery: timing[0]?.median_days ?? null
	};
}

/** The same counts as CSV rows of measure, week, category and value. */
export async function householdStatsCsv(networkId: number) {
	const [stats, days] = await Promise.all([householdStats(networkId), attendance(networkId)]);
	const rows = [
		['measure', 'week', 'category', 'value'],
		...stats.fulfilledByWeek.map((w) => ['requests_fulfilled', w.week, w.category, String(w.count)]),
		['households_served', '', '', String(stats.householdsServed)],
		[`households_served_last_${STATS_WEEKS}_weeks`, '', '', String(stats.householdsServedRecently)],
		[
			'median_days_request_to_delivery',
			'',
			'',
			stats.medianDaysToDelivery === null ? '' : stats.medianDaysToDelivery.toFixed(1)
		],
		// Distribution days that ended: households that booked, and how many of them came.
		['distribution_days_ended', '', '', String(days.days)],
		['distribution_households_booked', '', '', String(days.came + days.missed)],
		['distribution_households_came', '', '', String(days.came)],
		['distribution_attendance_rate', '', '', days.rate === null ? '' : days.rate.toFixed(3)]
	];
	return spreadsheetCsv(rows);
}
