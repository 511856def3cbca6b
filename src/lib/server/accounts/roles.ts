// Site admins grant and revoke network roles (organizer, moderator).
import { z } from 'zod';
import type { NetworkRole } from '$lib/policies';
import { db } from '../db/index.ts';
import { isMissingReference } from '../db/errors.ts';
import { mailNewModerator } from '../networks/moderators.ts';
import { id, line } from '../http/fields.ts';

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

/** A newly made moderator is mailed, as when an organizer invites one (networks/moderators.ts). */
export async function grantNetworkRole(
	grantedById: string,
	userId: string,
	networkId: number,
	role: NetworkRole,
	origin: string
): Promise<boolean> {
	try {
		await db.$transaction(async (tx) => {
			const existing = await tx.networkMembership.findUnique({
				where: { userId_networkId: { userId, networkId } },
				select: { role: true }
			});
			await tx.networkMembership.upsert({
				where: { userId_networkId: { userId, networkId } },
				create: { userId, networkId, role, grantedById },
				update: { role, grantedById }
			});
			if (role === 'MODERATOR' && !existing) await mailNewModerator(tx, userId, networkId, origin);
		});
	} catch (problem) {
		if (isMissingReference(problem)) return false;
		throw problem;
	}
	return true;
}

export async function revokeNetworkRole(userId: string, networkId: number) {
	await db.networkMembership.deleteMany({ where: { userId, networkId } });
}

export const roleSchema = z.object({
	userId: line(64).pipe(z.string().min(1, 'form_error_invalid')),
	networkId: id(),
	role: z.enum(['ORGANIZER', 'MODERATOR'], 'form_error_invalid')
});
export const revokeSchema = roleSchema.pick({ userId: true, networkId: true });
