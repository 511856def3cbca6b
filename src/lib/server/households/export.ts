// The network's own CSV of its roster, in the shape the importer reads (import.ts): the only place
// household data leaves the moderation pages.
import { m } from '$lib/paraglide/messages';
import type { Category } from '$lib/posts';
import { db } from '../db/index.ts';
import { spreadsheetCsv } from '../moderation/exports.ts';

/** One row per household: its open requests by their English names, languages by code. */
export async function householdsCsv(networkId: number) {
	const households = await db.household.findMany({
		where: { networkId },
		orderBy: [{ name: 'asc' }, { id: 'asc' }],
		select: {
			name: true,
			phone: true,
			languages: true,
			notes: true,
			requests: { where: { status: 'OPEN' }, orderBy: { openedAt: 'asc' }, select: { category: true } }
		}
	});
	const rows = households.map((h) => [
		h.name,
		h.phone ?? '',
		h.languages.join(';'),
		h.requests.map((r) => m[`category_${r.category as Category}`]({}, { locale: 'en' })).join(';'),
		h.notes ?? ''
	]);
	return spreadsheetCsv([['name', 'phone', 'languages', 'requests', 'notes'], ...rows]);
}
