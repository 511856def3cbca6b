// Organizers take over their network's listing: they ask, a site admin approves, the network becomes
// VERIFIED, and its organizers edit its profile and invite moderators.
import { z } from 'zod';
import { db } from '../db/index.ts';
import { queueMail } from '../mail/outbox.ts';

export const organizerRequestSchema = z.object({
	role: z.string().trim().min(2, 'organize_error_role').max(200, 'organize_error_role'),
	verification: z
		.string()
		.trim()
		.min(5, 'organize_error_verification')
		.max(1000, 'organize_error_verification')
});

export const networkProfileSchema = z.object({
	description: z.string().trim().max(2000, 'network_edit_error_description'),
	websiteUrl: z
		.string()
		.trim()
		.refine((value) => value === '' || /^https?:\/\/\S+$/i.test(value), 'network_edit_error_url'),
	hotline: z.string().trim().max(40, 'network_edit_error_hotline'),
	holdFirstPosts: z.boolean(),
	languages: z.array(z.string().regex(/^[a-z]{2,3}$/)).max(20),
	/** The residential neighborhoods the network covers, by id. */
	coverage: z.array(z.number().int().positive()).max(200)
});

export async function requestToOrganize(
	userId: string,
	networkId: number,
	request: z.output<typeof organizerRequestSchema>
) {
	const pending = await db.organizerRequest.findFirst({ where: { userId, networkId, status: 'PENDING' } });
	if (pending) return { ok: false as const };
	await db.organizerRequest.create({ data: { userId, networkId, ...request } });
	return { ok: true as const };
}

export async function pendingOrganizerRequests() {
	return db.organizerRequest.findMany({
		where: { status: 'PENDING' },
		orderBy: { createdAt: 'asc' },
		select: {
			id: true,
			role: true,
			verification: true,
			createdAt: true,
			user: { select: { name: true, email: true } },
			network: { select: { name: true, slug: true } }
		}
	});
}

/** Approving makes the person an organizer and the network verified, in one transaction with its log entry. */
export async function decideOrganizerRequest(
	adminId: string,
	requestId: number,
	approve: boolean,
	now = new Date()
) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.organizerRequest.updateMany({
			where: { id: requestId, status: 'PENDING' },
			data: { status: approve ? 'APPROVED' : 'REJECTED', decidedAt: now }
		});
		if (count !== 1) return;
		const request = await tx.organizerRequest.findUniqueOrThrow({ where: { id: requestId } });
		if (approve) {
			await tx.networkMembership.upsert({
				where: { userId_networkId: { userId: request.userId, networkId: request.networkId } },
				create: {
					userId: request.userId,
					networkId: request.networkId,
					role: 'ORGANIZER',
					grantedById: adminId
				},
				update: { role: 'ORGANIZER', grantedById: adminId }
			});
			await tx.network.update({
				where: { id: request.networkId },
				data: { status: 'VERIFIED', editedAt: now }
			});
		}
		await tx.moderationLogEntry.create({
			data: {
				networkId: request.networkId,
				actorId: adminId,
				action: approve ? 'verify' : 'reject_organizer'
			}
		});
	});
}

export async function getNetworkProfile(networkId: number) {
	return db.network.findUniqueOrThrow({
		where: { id: networkId },
		select: {
			name: true,
			slug: true,
			description: true,
			websiteUrl: true,
			hotline: true,
			holdFirstPosts: true,
			languages: true,
			coverage: { select: { neighborhoodId: true } }
		}
	});
}

/** An edited network is the organizers' from now on: the directory seed no longer touches it. */
export async function updateNetworkProfile(
	actorId: string,
	networkId: number,
	profile: z.output<typeof networkProfileSchema>,
	now = new Date()
) {
	await db.$transaction(async (tx) => {
		await tx.network.update({
			where: { id: networkId },
			data: {
				description: profile.description || null,
				websiteUrl: profile.websiteUrl || null,
				hotline: profile.hotline || null,
				holdFirstPosts: profile.holdFirstPosts,
				languages: profile.languages,
				editedAt: now
			}
		});
		const residential = await tx.neighborhood.findMany({
			where: { id: { in: profile.coverage }, ntaType: 'RESIDENTIAL' },
			select: { id: true }
		});
		await tx.networkCoverage.deleteMany({ where: { networkId } });
		await tx.networkCoverage.createMany({
			data: residential.map(({ id }) => ({ networkId, neighborhoodId: id }))
		});
		await tx.moderationLogEntry.create({ data: { networkId, actorId, action: 'edit_profile' } });
	});
}

/**
 * Makes someone a moderator of the network by email. An address with no account gets one (empty until
 * they sign in with it), so the role is waiting for them; either way they are told by mail.
 */
export async function inviteModerator(
	actorId: string,
	networkId: number,
	email: string,
	origin: string,
	message: (network: string) => { subject: string; text: string }
) {
	await db.$transaction(async (tx) => {
		const user = await tx.user.upsert({
			where: { email },
			create: { email },
			update: {},
			select: { id: true }
		});
		const existing = await tx.networkMembership.findUnique({
			where: { userId_networkId: { userId: user.id, networkId } }
		});
		if (!existing) {
			await tx.networkMembership.create({
				data: { userId: user.id, networkId, role: 'MODERATOR', grantedById: actorId }
			});
		}
		const network = await tx.network.findUniqueOrThrow({ where: { id: networkId }, select: { name: true } });
		const mail = message(network.name);
		await queueMail(tx, {
			to: email,
			subject: mail.subject,
			text: `${mail.text}\n\n${origin}/signin?next=/moderate`
		});
		await tx.moderationLogEntry.create({ data: { networkId, actorId, action: 'invite_moderator' } });
	});
}
