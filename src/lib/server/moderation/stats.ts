import { db } from '../db/index.ts';

/** Anonymized counts for a network's dashboard: no people, only posts and timings. */
export async function networkStats(networkId: number) {
	const [byStatus, byCategory, byNeighborhood, timing] = await Promise.all([
		db.post.groupBy({ by: ['status'], where: { networkId }, _count: true, orderBy: { status: 'asc' } }),
		db.post.groupBy({
			by: ['category'],
			where: { networkId },
			_count: true,
			orderBy: { _count: { category: 'desc' } }
		}),
		db.$queryRaw<{ name: string; count: number }[]>`
			SELECT n.name, count(*)::int AS count FROM posts p JOIN neighborhoods n ON n.id = p.neighborhood_id
			 WHERE p.network_id = ${networkId} GROUP BY n.name ORDER BY count DESC, n.name`,
		db.$queryRaw<{ median_hours: number | null }[]>`
			SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first.created_at - p.created_at) / 3600) AS median_hours
			  FROM posts p
			  JOIN LATERAL (SELECT min(c.created_at) AS created_at FROM claims c WHERE c.post_id = p.id) first ON first.created_at IS NOT NULL
			 WHERE p.network_id = ${networkId}`
	]);
	const count = (status: string) => byStatus.find((s) => s.status === status)?._count ?? 0;
	const closed = count('FULFILLED') + count('EXPIRED') + count('WITHDRAWN');
	return {
		byStatus: byStatus.map((s) => ({ status: s.status, count: s._count })),
		byCategory: byCategory.map((c) => ({ category: c.category, count: c._count })),
		byNeighborhood,
		medianHoursToFirstReply: timing[0]?.median_hours ?? null,
		shareFulfilled: closed ? count('FULFILLED') / closed : null
	};
}
