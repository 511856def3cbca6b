// Site admins grant and revoke network roles (organizer, moderator) for one person at a time, found by
// their exact email address: the admin page never lists everyone's addresses.
import { z } from 'zod';
import { can, type NetworkRole, type SignedInActor } from '$lib/policies';
import { db } from '../db/index.ts';
import { isMissingReference } from '../db/errors.ts';
import { mailNewModerator } from '../networks/moderators.ts';
import { id, line } from '../http/fields.ts';

const PERSON = {
	id: true,
	name: true,
	email: true,
	isAdmin: true,
	memberships: {
		orderBy: { network: { name: 'asc' } },
		select: { role: true, network: { select: { id: true, name: true, slug: true } } }
	}
} as const;

/**
 * The account with exactly this address, whatever its case, and its roles; deleted accounts are gone.
 * Compared with lower() = lower() rather than Prisma's case-insensitive `equals`, which is an ILIKE:
 * `%` and `_` in what an admin types would match other people's addresses.
 */
export async function findPersonByEmail(email: string) {
	const [found] = await db.$queryRaw<{ id: string }[]>`
		SELECT id FROM users WHERE lower(email) = lower(${email}) AND deleted_at IS NULL LIMIT 1`;
	return found ? personWithRoles(found.id) : null;
}

export async function personWithRoles(userId: string) {
	return db.user.findFirst({ where: { id: userId, deletedAt: null }, select: PERSON });
}

/**
 * A newly made moderator is mailed, as when an organizer invites one (networks/moderators.ts). False
 * when the account or network does not exist, or the policy refuses it a role (a deleted account).
 */
export async function grantNetworkRole(
	admin: SignedInActor,
	userId: string,
	networkId: number,
	role: NetworkRole,
	origin: string
): Promise<boolean> {
	const grantedById = admin.id;
	try {
		return await db.$transaction(async (tx) => {
			// Locked, so a deletion running now either finishes first (and is seen) or waits for this.
			const [person] = await tx.$queryRaw<{ deleted: boolean }[]>`
				SELECT deleted_at IS NOT NULL AS deleted FROM users WHERE id = ${userId} FOR UPDATE`;
			if (!person || !can(admin, 'admin:grantRole', { type: 'user', id: userId, deleted: person.deleted }))
				return false;
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
			return true;
		});
	} catch (problem) {
		if (isMissingReference(problem)) return false;
		throw problem;
	}
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
export const findSchema = z.object({
	email: line(254, 'sign_in_error_email').pipe(z.email('sign_in_error_email'))
});
/** Who the admin page shows, as named in its address (`?person=`): an account id, never an email. */
export const personParam = line(64).pipe(z.string().min(1)).nullable().catch(null);
