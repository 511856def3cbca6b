// What a network's moderators look at: the queue of posts needing them, and one post in full.
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { paginate } from '../http/pages.ts';

export const QUEUE_PAGE_SIZE = 20;

/** Posts that need a moderator: reported, flagged by the privacy check, or hidden (to restore). */
export async function moderationQueue(networkIds: number[], page = 1) {
	const where: Prisma.PostWhereInput = {
		networkId: { in: networkIds },
		OR: [
			{ reports: { some: { status: 'OPEN' } } },
			{ privacyFlagged: true, status: { in: ['OPEN', 'CLAIMED'] } },
			{ status: 'HIDDEN' },
			{ status: 'HELD' }
		]
	};
	return paginate(
		page,
		QUEUE_PAGE_SIZE,
		() => db.post.count({ where }),
		(skip, take) => queuePage(where, skip, take)
	);
}

const queuePage = (where: Prisma.PostWhereInput, skip: number, take: number) =>
	db.post.findMany({
		where,
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		skip,
		take,
		select: {
			id: true,
			title: true,
			status: true,
			privacyFlagged: true,
			createdAt: true,
			network: { select: { name: true } },
			reports: { where: { status: 'OPEN' }, select: { reason: true } }
		}
	});

/** A post as its network's moderators see it, intake contact and reported messages included. */
export async function getModeratedPost(postId: number) {
	const post = await db.post.findUnique({
		where: { id: postId },
		select: {
			id: true,
			kind: true,
			title: true,
			details: true,
			status: true,
			privacyFlagged: true,
			hiddenReason: true,
			claimsLocked: true,
			intakeName: true,
			intakeContact: true,
			networkId: true,
			authorId: true,
			createdAt: true,
			author: { select: { name: true } },
			network: { select: { id: true, name: true, slug: true, boroughId: true } },
			category: true,
			neighborhood: { select: { id: true, name: true } },
			reports: {
				orderBy: { createdAt: 'desc' },
				select: { id: true, reason: true, note: true, status: true, createdAt: true, messageId: true }
			}
		}
	});
	if (!post) return null;
	// A reported message is shown to moderators: the person who reported it chose to share it.
	const messageIds = post.reports.flatMap((r) => (r.messageId ? [r.messageId] : []));
	const messages = messageIds.length
		? await db.message.findMany({ where: { id: { in: messageIds } }, select: { id: true, body: true } })
		: [];
	const bodyOf = new Map(messages.map((message) => [message.id, message.body]));
	return {
		...post,
		reports: post.reports.map((report) => ({
			...report,
			message: report.messageId ? (bodyOf.get(report.messageId) ?? null) : null
		}))
	};
}
