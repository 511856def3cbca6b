import type { SignedInActor } from '$lib/policies';
import { db } from '../db/index.ts';

export interface CurrentUser extends SignedInActor {
	name: string | null;
	/** False until the person has finished the short profile step after their first sign-in. */
	profileComplete: boolean;
}

export async function loadCurrentUser(userId: string): Promise<CurrentUser | null> {
	const user = await db.user.findUnique({
		where: { id: userId },
		select: {
			id: true,
			name: true,
			isAdmin: true,
			deletedAt: true,
			profileCompletedAt: true,
			memberships: { select: { networkId: true, role: true } }
		}
	});
	if (!user || user.deletedAt) return null;
	return {
		id: user.id,
		name: user.name,
		isAdmin: user.isAdmin,
		memberships: user.memberships,
		profileComplete: user.profileCompletedAt !== null
	};
}
