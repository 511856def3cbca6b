// Posting for a neighbor without an account, taken down over the phone or at a table.
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import { createPost, type Intake, type WriteOutcome } from '../posts/index.ts';
import type { PostInput } from '../posts/form.ts';
import * as audit from './audit.ts';

/** The networks someone moderates (all of them for a site admin), narrowed by `where`. */
export async function moderatedNetworks(
	actor: { isAdmin: boolean; memberships: { networkId: number }[] },
	where: Prisma.NetworkWhereInput = {}
) {
	return db.network.findMany({
		where: actor.isAdmin ? where : { ...where, id: { in: actor.memberships.map((m) => m.networkId) } },
		orderBy: { name: 'asc' },
		select: { id: true, name: true, slug: true }
	});
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
	await audit.record(db, { networkId, actorId: actor.id, action: 'intake', postId: outcome.id });
	return outcome;
}
