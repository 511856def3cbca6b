import type { SignedInActor } from '$lib/policies';
import { db } from '../db/index.ts';

export interface CurrentUser extends SignedInActor {
	name: string | null;
	/** False until the person has finished the short profile step after their first sign-in. */
	profileComplete: boolean;
	/** Where they said they live, if they did: the home page leads with posts near it. */
	home: { name: string; boroughSlug: string; boroughName: string } | null;
	/** The languages they speak (profile codes): the board can show only posts in them. */
	languages: string[];
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
			languages: true,
			memberships: { select: { networkId: true, role: true } },
			homeNeighborhood: { select: { name: true, borough: { select: { slug: true, name: true } } } }
		}
	});
	if (!user || user.deletedAt) return null;
	return {
		id: user.id,
		name: user.name,
		isAdmin: user.isAdmin,
		memberships: user.memberships,
		profileComplete: user.profileCompletedAt !== null,
		languages: user.languages,
		home: user.homeNeighborhood
			? {
					name: user.homeNeighborhood.name,
					boroughSlug: user.homeNeighborhood.borough.slug,
					boroughName: user.homeNeighborhood.borough.name
				}
			: null
	};
}
