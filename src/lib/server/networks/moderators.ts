import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { notify, textTitle } from '../mail/notify.ts';
import { RECIPIENT } from '../mail/recipient.ts';
import { line } from '../http/fields.ts';
import * as audit from '../moderation/audit.ts';

export const inviteSchema = z.object({
	email: line(254, 'sign_in_error_email')
		.transform((value) => value.toLowerCase())
		.pipe(z.email('sign_in_error_email'))
});

/**
 * Makes someone a moderator of the network by email. An address with no account gets one (empty until
 * they sign in with it), so the role is waiting for them; either way they are told by mail.
 */
export async function inviteModerator(actorId: string, networkId: number, email: string, origin: string) {
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
		await mailNewModerator(tx, user.id, networkId, origin);
		await audit.record(tx, { networkId, actorId, action: 'invite_moderator' });
	});
}

/** Tells someone, in their language, that they can now moderate the network and where to start. */
export async function mailNewModerator(
	tx: Prisma.TransactionClient,
	userId: string,
	networkId: number,
	origin: string
) {
	const [user, network] = await Promise.all([
		tx.user.findUniqueOrThrow({ where: { id: userId }, select: RECIPIENT }),
		tx.network.findUniqueOrThrow({ where: { id: networkId }, select: { name: true } })
	]);
	const url = `${origin}/signin?next=/moderate`;
	await notify(tx, user, {
		mail: (locale) => ({
			subject: m.mail_invite_subject({ network: network.name }, { locale }),
			text: `${m.mail_invite_body({ network: network.name }, { locale })}\n\n${url}`
		}),
		text: (locale) => m.sms_invite({ network: textTitle(network.name), url }, { locale }),
		url
	});
}
