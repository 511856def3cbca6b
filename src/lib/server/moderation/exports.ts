// A network's posts taken elsewhere: a spreadsheet for its organizers, a digest for its group chats.
import { stringify } from 'csv-stringify/sync';
import { db } from '../db/index.ts';

/** The network's posts for a spreadsheet: no names, contacts or ids of people. */
export async function networkPostsCsv(networkId: number) {
	const posts = await db.post.findMany({
		where: { networkId },
		orderBy: { createdAt: 'desc' },
		select: {
			id: true,
			kind: true,
			status: true,
			title: true,
			category: true,
			timeWindow: true,
			createdAt: true,
			closedAt: true,
			neighborhood: { select: { name: true } }
		}
	});
	const header = [
		'post',
		'kind',
		'status',
		'category',
		'neighborhood',
		'time_window',
		'title',
		'created_at',
		'closed_at'
	];
	const rows = posts.map((p) => [
		String(p.id),
		p.kind,
		p.status,
		p.category,
		p.neighborhood.name,
		p.timeWindow,
		p.title,
		p.createdAt.toISOString(),
		p.closedAt?.toISOString() ?? ''
	]);
	return spreadsheetCsv([header, ...rows]);
}

/** Rows as CSV that a spreadsheet opens safely (the reverse of households/import.ts's unquoting). */
export function spreadsheetCsv(rows: string[][]) {
	return stringify(rows, {
		record_delimiter: 'windows',
		// csv-stringify quotes only a whole \r\n: a lone \n or \r unquoted would start a new row.
		quoted_match: /[\r\n]/,
		// A title starting with = + - @ would run as a formula in a spreadsheet.
		cast: { string: (value) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value) }
	});
}

/** Open posts as plain text to paste into WhatsApp or Facebook groups. */
export async function openPostsDigest(
	networkId: number,
	origin: string,
	labels: { need: string; offer: string }
) {
	const posts = await db.post.findMany({
		where: { networkId, status: 'OPEN' },
		orderBy: { createdAt: 'desc' },
		take: 50,
		select: { id: true, kind: true, title: true, neighborhood: { select: { name: true } } }
	});
	return posts
		.map(
			(p) =>
				`${p.kind === 'NEED' ? labels.need : labels.offer}: ${p.title} (${p.neighborhood.name})\n${origin}/posts/${p.id}`
		)
		.join('\n\n');
}
