// Who a post reads as posted by, wherever it is named (post page, claim page, activity, mails). A
// moderator who posts for a neighbor (moderation/intake.ts) does it as their network, so the post
// reads as the network's, never as the moderator's own name.
import type { Prisma } from '../db/generated/client.ts';
import { RECIPIENT, type Recipient } from '../mail/recipient.ts';
import { networkTeams } from '../networks/team.ts';

/** What to select from a post to name its poster. */
export const POSTER_SELECT = {
	intakeName: true,
	author: { select: { name: true } },
	network: { select: { name: true } }
} as const;

interface PosterFields {
	intakeName: string | null;
	author: { name: string | null };
	network: { name: string };
}

/** forNeighbor: posted by the network (name) for a neighbor without an account. */
export type ShownPoster = { forNeighbor: true; name: string } | { forNeighbor: false; name: string | null };

export const isIntake = (post: { intakeName: string | null }) => post.intakeName !== null;

export function shownPoster(post: PosterFields): ShownPoster {
	return isIntake(post)
		? { name: post.network.name, forNeighbor: true }
		: { name: post.author.name, forNeighbor: false };
}

/** What to select from a post to tell its poster's side. */
export const POSTER_MAIL_SELECT = {
	intakeName: true,
	networkId: true,
	author: { select: RECIPIENT }
} as const;

/**
 * Who hears what happens on a post's poster side: its author, or, on an intake post, its network's
 * team as it stands now, since the team answers for it (the filer too, only while still on it).
 */
export async function posterRecipients(
	tx: Prisma.TransactionClient,
	post: { intakeName: string | null; networkId: number; author: Recipient }
): Promise<Recipient[]> {
	if (isIntake(post)) return networkTeams(tx, [post.networkId]);
	return [post.author];
}
