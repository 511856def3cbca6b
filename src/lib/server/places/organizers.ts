// Organizers take over their network's listing: they ask, a site admin approves, the network becomes
// VERIFIED, and its organizers edit its profile and invite moderators.
import { z } from 'zod';
import { db } from '../db/index.ts';
import { queueMail } from '../mail/outbox.ts';
import { checkbox, id, line, paragraph } from '../http/fields.ts';

export const organizerRequestSchema = z.object({
	role: line(200, 'organize_error_role').pipe(z.string().min(2, 'organize_error_role')),
	verification: paragraph(1000, 'organize_error_verification').pipe(
		z.string().min(5, 'organize_error_verification')
	)
});

export const organizerDecisionSchema = z.object({
	request: id(),
	decision: z.enum(['approve', 'reject'], 'form_error_invalid')
});

export const networkProfileSchema = z.object({
	description: paragraph(2000, 'network_edit_error_description'),
	websiteUrl: line(500, 'network_edit_error_url').refine(
		(value) => value === '' || /^https?:\/\/\S+$/i.test(value),
		'network_edit_error_url'
	),
	hotline: line(40, 'network_edit_error_hotline'),
	holdFirstPosts: checkbox(),
	languages: z
		.array(z.string().regex(/^[a-z]{2,3}$/))
		.max(20)
		.default([]),
	/** The residential neighborhoods the network covers, by id. */
	coverage: z.array(id()).max(200).default([])
});

export const inviteSchema = z.object({
	email: line(254, 'sign_in_error_email')
		.transform((value) => value.toLowerCase())
		.pipe(z.email('sign_in_error_email'))
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
