// "Delete my account": erase every personal detail and end every session. The person's open posts are
// withdrawn; the users row stays as an empty tombstone so those posts keep a valid, anonymous author.
import { db } from '../db/index.ts';
import { withdrawAllBy } from '../posts/lifecycle.ts';

export async function deleteAccount(userId: string) {
	await db.$transaction(async (tx) => {
		const user = await tx.user.findUniqueOrThrow({
			where: { id: userId },
			select: { email: true, smsNumber: true }
		});
		if (user.email) {
			await tx.verificationToken.deleteMany({ where: { identifier: user.email } });
			await tx.outboxMessage.deleteMany({ where: { toAddress: user.email } });
		}
		if (user.smsNumber) {
			await tx.phoneCode.deleteMany({ where: { number: user.smsNumber } });
			await tx.outboxMessage.deleteMany({ where: { toAddress: user.smsNumber } });
		}
		await tx.phoneCode.deleteMany({ where: { userId } });
		await tx.smsPrompt.deleteMany({ where: { userId } });
		// Notices queued to the person's devices, then the devices.
		const devices = await tx.pushSubscription.findMany({ where: { userId }, select: { id: true } });
		await tx.outboxMessage.deleteMany({
			where: { channel: 'PUSH', toAddress: { in: devices.map(({ id }) => String(id)) } }
		});
		await tx.pushSubscription.deleteMany({ where: { userId } });
		await tx.session.deleteMany({ where: { userId } });
		await tx.account.deleteMany({ where: { userId } });
		await tx.networkMembership.deleteMany({ where: { userId } });
		await withdrawAllBy(tx, userId);
		await tx.user.update({
			where: { id: userId },
			data: {
				email: null,
				emailVerified: null,
				name: null,
				image: null,
				phone: null,
				smsNumber: null,
				notifyBy: 'MAIL',
				homeNeighborhoodId: null,
				languages: [],
				uiLocale: null,
				awayUntil: null,
				isAdmin: false,
				deletedAt: new Date()
			}
		});
	});
}
