// Site admins grant and revoke network roles (organizer, moderator).
import { z } from 'zod';
import type { NetworkRole } from '$lib/policies';
import { db } from '../db/index.ts';
import { isMissingReference } from '../db/errors.ts';
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

export async function grantNetworkRole(
	grantedById: string,
	userId: string,
	networkId: number,
	role: NetworkRole
): Promise<boolean> {
	try {
		await db.networkMembership.upsert({
			where: { userId_networkId: { userId, networkId } },
			create: { userId, networkId, role, grantedById },
			update: { role, grantedById }
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
