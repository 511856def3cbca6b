// Site admins grant and revoke network roles (organizer, moderator).
import type { NetworkRole } from '$lib/policies';
import { db } from '../db/index.ts';

export async function listPeopleWithRoles() {
	return db.user.findMany({
		where: { deletedAt: null },
		orderBy: [{ createdAt: 'asc' }],
		select: {
			id: true,
			name: true,
			email: true,
			isAdmin: true,
			createdAt: true,
			memberships: {
				orderBy: { network: { name: 'asc' } },
				select: { role: true, network: { select: { id: true, name: true, slug: true } } }
			}
		}
	});
}

export async function grantNetworkRole(
	grantedById: string,
	userId: string,
	networkId: number,
	role: NetworkRole
) {
	await db.networkMembership.upsert({
		where: { userId_networkId: { userId, networkId } },
		create: { userId, networkId, role, grantedById },
		update: { role, grantedById }
	});
}

export async function revokeNetworkRole(userId: string, networkId: number) {
	await db.networkMembership.deleteMany({ where: { userId, networkId } });
}
