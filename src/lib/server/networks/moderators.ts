import { z } from 'zod';
import { db } from '../db/index.ts';
import { queueMail } from '../mail/outbox.ts';
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
		await audit.record(tx, { networkId, actorId, action: 'invite_moderator' });
	});
}
