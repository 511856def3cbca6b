// "Delete my account": erase every personal detail and end every session. The person's open posts are
// withdrawn and their series ended, their replies and standing commitments end so nobody waits on them;
// the users row stays as an empty tombstone so those posts keep a valid, anonymous author.
import { endClaimsOf } from '../claims/lifecycle.ts';
import { dropStandingOf } from '../claims/standing.ts';
import { db } from '../db/index.ts';
import { withdrawAllBy } from '../posts/lifecycle.ts';
import { endSeriesBy } from '../posts/series.ts';

export async function deleteAccount(userId: string, origin: string, now = new Date()) {
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
		await endSeriesBy(tx, userId, now);
		await withdrawAllBy(tx, userId, now);
		await endClaimsOf(tx, userId, undefined, origin, now);
		await dropStandingOf(tx, userId);
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
				deletedAt: now
			}
		});
	});
}
