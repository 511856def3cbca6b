// Who hears from the app about a network's work (new reports, new posts): its organizers and
// moderators whose accounts still have an address to write to.
import type { Prisma } from '../db/generated/client.ts';
import { RECIPIENT } from '../mail/recipient.ts';

/** One row per membership, so someone in two of the networks appears once for each. */
export async function networkTeams(
	tx: Prisma.TransactionClient,
	networkIds: number[],
	who: Prisma.UserWhereInput = {}
) {
	const memberships = await tx.networkMembership.findMany({
		where: { networkId: { in: networkIds }, user: { ...who, email: { not: null }, deletedAt: null } },
		orderBy: { createdAt: 'asc' },
		select: { networkId: true, user: { select: RECIPIENT } }
	});
	return memberships.map(({ networkId, user }) => ({ networkId, ...user, email: user.email! }));
}
