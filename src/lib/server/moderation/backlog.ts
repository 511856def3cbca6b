// What a network's team needs to see before it burns out: the needs still waiting for someone, the
// longest waiting first, and how many people are actually answering. Counts and public post fields only:
// the volunteers are a number, never a list of names.
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import { LIVE_CLAIM } from '../claims/capacity.ts';
import { paginate } from '../http/pages.ts';

export const BACKLOG_PAGE_SIZE = 25;
/** A volunteer who finished something this recently still counts as active. */
export const ACTIVE_VOLUNTEER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A need on the board that nobody has taken yet. */
const waiting = (networkId: number) =>
	({ networkId, kind: 'NEED', status: 'OPEN' }) as const satisfies Prisma.PostWhereInput;

export async function networkBacklog(networkId: number, page = 1, now = new Date()) {
	const where = waiting(networkId);
	const [needs, byCategory, volunteers] = await Promise.all([
		paginate(
			page,
			BACKLOG_PAGE_SIZE,
			() => db.post.count({ where }),
			(skip, take) =>
				db.post.findMany({
					where,
					orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
					skip,
					take,
					select: { id: true, title: true, category: true, createdAt: true }
				})
		),
		db.post.groupBy({
			by: ['category'],
			where,
			_count: true,
			_min: { createdAt: true },
			orderBy: { _min: { createdAt: 'asc' } }
		}),
		db.claim.findMany({
			where: {
				post: { networkId },
				OR: [
					{ status: { in: [...LIVE_CLAIM] } },
					{
						status: 'COMPLETED',
						closedAt: { gte: new Date(now.getTime() - ACTIVE_VOLUNTEER_DAYS * DAY_MS) }
					}
				]
			},
			distinct: ['claimantId'],
			select: { claimantId: true }
		})
	]);
	return {
		needs,
		byCategory: byCategory.map((row) => ({
			category: row.category,
			count: row._count,
			oldest: row._min.createdAt!
		})),
		activeVolunteers: volunteers.length
	};
}
