// Network moderation: reports, the queue, moderator actions and the append-only log. Every action
// and its log entry are written in one transaction; callers authorize with 'network:moderate' on the
// post's network first, so a moderator of one network can do nothing to another's posts.
import type { Prisma } from '../db/generated/client.ts';
import type { Category } from '$lib/posts';
import type { ReportReason } from '../db/generated/enums.ts';
import { db } from '../db/index.ts';
import { transition } from '../posts/lifecycle.ts';
import { createPost, type Intake, type WriteOutcome } from '../posts/index.ts';
import type { PostInput } from '../posts/form.ts';

export { REPORT_REASONS } from '$lib/posts';

type Tx = Prisma.TransactionClient;

export type ModerationAction =
	| 'approve'
	| 'hide'
	| 'restore'
	| 'close'
	| 'dismiss'
	| 'handoff'
	| 'lock'
	| 'unlock'
	| 'suspend'
	| 'edit'
	| 'intake';

async function log(
	tx: Tx,
	entry: {
		networkId: number;
		actorId: string;
		action: ModerationAction;
		postId?: number;
		reason?: string;
		details?: string;
	}
) {
	await tx.moderationLogEntry.create({ data: entry });
}

/** Callers count the report against the 'report' limit (ratelimit/limits.ts) first. */
export async function reportPost(
	reporterId: string,
	postId: number,
	reason: ReportReason,
	note: string,
	messageId?: number
) {
	await db.report.create({ data: { postId, reporterId, reason, note, messageId: messageId ?? null } });
}

/** The networks someone moderates: all of them for a site admin. */
export async function moderatedNetworks(actor: { isAdmin: boolean; memberships: { networkId: number }[] }) {
	return db.network.findMany({
		where: actor.isAdmin ? {} : { id: { in: actor.memberships.map((m) => m.networkId) } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, slug: true }
	});
}

/** Posts that need a moderator: reported, flagged by the privacy check, or hidden (to restore). */
export async function moderationQueue(networkIds: number[]) {
	return db.post.findMany({
		where: {
			networkId: { in: networkIds },
			OR: [
				{ reports: { some: { status: 'OPEN' } } },
				{ privacyFlagged: true, status: { in: ['OPEN', 'CLAIMED'] } },
				{ status: 'HIDDEN' },
				{ status: 'HELD' }
			]
		},
		orderBy: [{ createdAt: 'asc' }],
		take: 200,
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
}

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

export class ModerationError extends Error {}

/** Runs one moderator action on a post, with its log entry, in one transaction. */
export async function moderate(
	actorId: string,
	postId: number,
	action: Exclude<ModerationAction, 'intake'>,
	options: { reason?: string; targetNetworkId?: number; category?: Category; neighborhoodId?: number } = {},
	now = new Date()
) {
	await db.$transaction(async (tx) => {
		const post = await tx.post.findUniqueOrThrow({
			where: { id: postId },
			select: { networkId: true, authorId: true, status: true }
		});
		const entry: {
			networkId: number;
			actorId: string;
			action: ModerationAction;
			postId: number;
			reason?: string;
		} = {
			networkId: post.networkId,
			actorId,
			action,
			postId,
			reason: options.reason
		};
		const resolveReports = (status: 'DISMISSED' | 'ACTIONED') =>
			tx.report.updateMany({ where: { postId, status: 'OPEN' }, data: { status, resolvedAt: now } });
		switch (action) {
			case 'approve':
				await tx.post.update({ where: { id: postId }, data: { privacyFlagged: false } });
				if (post.status === 'HELD') await transition(postId, 'release-held', now, tx);
				await resolveReports('DISMISSED');
				break;
			case 'hide':
				if (!options.reason) throw new ModerationError('A reason is required to hide a post');
				await transition(postId, 'hide', now, tx);
				await tx.post.update({ where: { id: postId }, data: { hiddenReason: options.reason } });
				await resolveReports('ACTIONED');
				break;
			case 'restore':
				await transition(postId, 'restore', now, tx);
				break;
			case 'close':
				await transition(postId, 'withdraw', now, tx);
				await resolveReports('ACTIONED');
				break;
			case 'dismiss':
				await resolveReports('DISMISSED');
				break;
			case 'edit': {
				const data: Prisma.PostUpdateInput = {};
				if (options.category) data.category = options.category;
				if (options.neighborhoodId) {
					const place = await tx.neighborhood.findFirst({
						where: { id: options.neighborhoodId, ntaType: 'RESIDENTIAL' },
						select: { id: true }
					});
					if (!place) throw new ModerationError('Choose a residential neighborhood');
					data.neighborhood = { connect: { id: place.id } };
				}
				await tx.post.update({ where: { id: postId }, data });
				entry.reason ??= [options.category, options.neighborhoodId].filter(Boolean).join(', ');
				break;
			}
			case 'lock':
			case 'unlock':
				await tx.post.update({ where: { id: postId }, data: { claimsLocked: action === 'lock' } });
				break;
			case 'suspend':
				if (!options.reason) throw new ModerationError('A reason is required to suspend someone');
				await tx.networkSuspension.upsert({
					where: { userId_networkId: { userId: post.authorId, networkId: post.networkId } },
					create: { userId: post.authorId, networkId: post.networkId, reason: options.reason },
					update: { reason: options.reason }
				});
				break;
			case 'handoff': {
				const target = options.targetNetworkId;
				if (!target || target === post.networkId) throw new ModerationError('Choose another network');
				// A network that does not exist is the moderator's mistake, not a foreign-key crash.
				if (!(await tx.network.count({ where: { id: target } })))
					throw new ModerationError('Choose another network');
				await tx.post.update({
					where: { id: postId },
					data: { networkId: target, networkIsFallback: false }
				});
				// Both networks see the hand-off in their log.
				await log(tx, { ...entry, networkId: target, details: `from network ${post.networkId}` });
				await log(tx, { ...entry, details: `to network ${target}` });
				return;
			}
		}
		await log(tx, entry);
	});
}

async function recordIntake(actorId: string, networkId: number, postId: number) {
	await db.$transaction((tx) => log(tx, { networkId, actorId, action: 'intake', postId }));
}

/**
 * A moderator posts for a neighbor without an account; they are its author and relay replies. The
 * neighbor's contact is seen by the moderators of the post's network, so the post may only land in a
 * network this moderator moderates, and is logged in the network it landed in.
 */
export async function fileIntake(
	actor: { id: string; isAdmin: boolean; memberships: { networkId: number }[] },
	input: PostInput,
	intake: Omit<Intake, 'networkIds'>,
	now = new Date()
): Promise<WriteOutcome> {
	const networkIds = (await moderatedNetworks(actor)).map((network) => network.id);
	const outcome = await createPost(actor.id, input, now, { ...intake, networkIds });
	if (!outcome.ok) return outcome;
	const { networkId } = await db.post.findUniqueOrThrow({
		where: { id: outcome.id },
		select: { networkId: true }
	});
	await recordIntake(actor.id, networkId, outcome.id);
	return outcome;
}

export async function moderationLog(networkIds: number[]) {
	return db.moderationLogEntry.findMany({
		where: { networkId: { in: networkIds } },
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: 500,
		select: {
			id: true,
			action: true,
			reason: true,
			details: true,
			createdAt: true,
			postId: true,
			network: { select: { name: true } },
			actor: { select: { name: true } }
		}
	});
}

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
	const cell = (value: string) => {
		// A title starting with = + - @ would run as a formula in a spreadsheet.
		const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
		return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	const rows = posts.map((p) =>
		[
			String(p.id),
			p.kind,
			p.status,
			p.category,
			p.neighborhood.name,
			p.timeWindow,
			p.title,
			p.createdAt.toISOString(),
			p.closedAt?.toISOString() ?? ''
		]
			.map(cell)
			.join(',')
	);
	return [header.join(','), ...rows].join('\r\n') + '\r\n';
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
