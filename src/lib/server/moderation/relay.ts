// Relaying for a neighbor without an account: the team of an intake post's network (every moderator
// and organizer of it, policies.ts 'network:relay') answers its replies and writes in its threads as
// the network, so a hotline shift can hand over. Each of their acts is in the network's log.
import { can, type SignedInActor } from '$lib/policies';
import { Prisma } from '../db/generated/client.ts';
import type { PostStatus } from '../db/generated/enums.ts';
import { db } from '../db/index.ts';
import { LIVE_CLAIM, sqlList } from '../claims/capacity.ts';
import { isIntake } from '../posts/poster.ts';
import { paginate } from '../http/pages.ts';
import * as audit from './audit.ts';

export const RELAY_PAGE_SIZE = 20;

export type RelayAct = 'accept' | 'decline' | 'message' | 'release' | 'complete' | 'not_done';

/** What deciding whether an act is relaying needs: who replied, and the post's network and intake. */
export interface RelayTarget {
	claimantId: string;
	post: { id: number; networkId: number; intakeName: string | null };
}

/** Reads a claim's RelayTarget, for a caller that has not read the claim and its post already. */
export const relayTarget = (tx: Prisma.TransactionClient, claimId: number): Promise<RelayTarget> =>
	tx.claim.findUniqueOrThrow({
		where: { id: claimId },
		select: { claimantId: true, post: { select: { id: true, networkId: true, intakeName: true } } }
	});

/**
 * Logs an act on the poster's side of an intake post's claim in its network's log, in the transaction
 * that makes it; anything else (an ordinary post, the person who replied) is not relaying.
 */
export async function recordRelay(
	tx: Prisma.TransactionClient,
	{ claimantId, post }: RelayTarget,
	actorId: string,
	act: RelayAct
) {
	if (!isIntake(post) || claimantId === actorId) return;
	await audit.record(tx, { networkId: post.networkId, actorId, action: `relay_${act}`, postId: post.id });
}

/**
 * A post still on the team's hands: on the board, waiting for a moderator, or taken by a helper on
 * their way. Once it has ended with no reply under way, nobody needs to call the neighbor about it, so
 * it and her contact leave the inbox.
 */
const STILL_RELAYED: PostStatus[] = ['OPEN', 'CLAIMED', 'HELD'];

interface InboxPost {
	id: number;
	title: string;
	kind: 'NEED' | 'OFFER';
	status: string;
	intakeName: string;
	intakeContact: string | null;
	networkName: string;
	activityAt: Date;
}

interface InboxClaim {
	id: number;
	postId: number;
	status: 'PENDING' | 'ACCEPTED';
	createdAt: Date;
	claimantName: string | null;
	unread: number;
}

/**
 * The intake posts of the networks someone relays for that are still on the team's hands, the
 * latest activity (filed, replied to or written about) first, a page at a time, each with its replies still under way and what the team
 * has not read in them. Holds the neighbor's name and contact: for the moderation pages only.
 */
export async function relayInbox(actor: SignedInActor, requested: number) {
	const networkIds = actor.memberships
		.map((membership) => membership.networkId)
		.filter((id) => can(actor, 'network:relay', { type: 'network', id }));
	const inHand = Prisma.sql`
		p.intake_name IS NOT NULL AND p.network_id = ANY(${networkIds}::int[])
		AND (p.status::text IN (${Prisma.join(STILL_RELAYED)})
		     OR EXISTS (SELECT 1 FROM claims lc WHERE lc.post_id = p.id AND lc.status IN (${sqlList(LIVE_CLAIM)})))`;
	const {
		items: posts,
		page,
		pages
	} = await paginate(
		requested,
		RELAY_PAGE_SIZE,
		async () => {
			const [{ count }] = await db.$queryRaw<[{ count: number }]>`
				SELECT count(*)::int AS count FROM posts p WHERE ${inHand}`;
			return count;
		},
		(skip, take) => db.$queryRaw<InboxPost[]>`
			SELECT p.id, p.title, p.kind::text AS kind, p.status::text AS status,
			       p.intake_name AS "intakeName", p.intake_contact AS "intakeContact", w.name AS "networkName",
			       GREATEST(p.created_at, max(c.created_at), max(msg.created_at)) AS "activityAt"
			  FROM posts p
			  JOIN networks w ON w.id = p.network_id
			  LEFT JOIN claims c ON c.post_id = p.id
			  LEFT JOIN messages msg ON msg.claim_id = c.id
			 WHERE ${inHand}
			 GROUP BY p.id, w.name
			 ORDER BY "activityAt" DESC, p.id DESC
			 LIMIT ${take} OFFSET ${skip}`
	);
	const claims = posts.length
		? await db.$queryRaw<InboxClaim[]>`
			SELECT c.id, c.post_id AS "postId", c.status::text AS status, c.created_at AS "createdAt",
			       u.name AS "claimantName",
			       (SELECT count(*) FROM messages msg
			         WHERE msg.claim_id = c.id AND msg.sender_id = c.claimant_id
			           AND msg.created_at > COALESCE(c.poster_last_read_at, '-infinity'))::int AS unread
			  FROM claims c
			  JOIN users u ON u.id = c.claimant_id
			 WHERE c.post_id = ANY(${posts.map((post) => post.id)}::int[]) AND c.status IN (${sqlList(LIVE_CLAIM)})
			 ORDER BY c.created_at DESC, c.id DESC`
		: [];
	return {
		posts: posts.map((post) => {
			const replies = claims.filter((claim) => claim.postId === post.id);
			return {
				...post,
				replies,
				pending: replies.filter((claim) => claim.status === 'PENDING').length,
				unread: replies.reduce((sum, claim) => sum + claim.unread, 0)
			};
		}),
		page,
		pages
	};
}
