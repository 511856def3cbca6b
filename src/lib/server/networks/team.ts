// Who hears from the app about a network's work (new reports, new posts): its organizers and
// moderators whose accounts can still be reached, by mail or by text (mail/notify.ts chooses).
import type { Prisma } from '../db/generated/client.ts';
import { RECIPIENT } from '../mail/recipient.ts';

/** One row per membership, so someone in two of the networks appears once for each. */
export async function networkTeams(
	tx: Prisma.TransactionClient,
	networkIds: number[],
	who: Prisma.UserWhereInput = {}
) {
	const memberships = await tx.networkMembership.findMany({
		where: {
			networkId: { in: networkIds },
			// AND, not a spread: `who` may bring its own OR (accounts/away.ts notAway), which a spread would lose.
			user: { AND: [who, { OR: [{ email: { not: null } }, { smsNumber: { not: null } }] }], deletedAt: null }
		},
		orderBy: { createdAt: 'asc' },
		select: { networkId: true, user: { select: RECIPIENT } }
	});
	return memberships.map(({ networkId, user }) => ({ networkId, ...user }));
}
