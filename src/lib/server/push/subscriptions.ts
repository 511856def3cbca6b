// The devices on which a person turned on notifications. A browser hands over its push service's
// endpoint and the keys the message is encrypted for; the server only ever posts to that endpoint.
import { z } from 'zod';
import { db } from '../db/index.ts';

/** As PushSubscription.toJSON() gives it. Push services are all https. */
export const subscriptionSchema = z.object({
	endpoint: z.url({ protocol: /^https$/ }).max(1000),
	keys: z.object({
		p256dh: z.string().regex(/^[\w-]{80,100}$/),
		auth: z.string().regex(/^[\w-]{16,32}$/)
	})
});

export type Subscription = z.infer<typeof subscriptionSchema>;

/**
 * Remembers a device for this person. An endpoint belongs to one browser profile: if someone else had
 * it (they signed out, this person signed in on the same phone) it becomes a new device of this
 * person's, and the notices still queued for the other one are dropped: they are addressed by the
 * device's id, and would otherwise reach this person's screen and data. It lasts as long as the
 * sign-in it was turned on in (`sessionToken`): signing out forgets it.
 */
export async function subscribe(
	userId: string,
	{ endpoint, keys }: Subscription,
	sessionToken: string | null
) {
	await db.$transaction(async (tx) => {
		const held = await tx.pushSubscription.findUnique({
			where: { endpoint },
			select: { id: true, userId: true }
		});
		if (held && held.userId !== userId) {
			await tx.outboxMessage.deleteMany({ where: { channel: 'PUSH', toAddress: String(held.id) } });
			await tx.pushSubscription.delete({ where: { id: held.id } });
		}
		await tx.pushSubscription.upsert({
			where: { endpoint },
			create: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth, sessionToken },
			update: { p256dh: keys.p256dh, auth: keys.auth, sessionToken }
		});
	});
}

/** Forgets the device; only the person's own, so an endpoint alone cannot switch off someone else's. */
export async function unsubscribe(userId: string, endpoint: string) {
	await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
}

export const deviceCount = (userId: string) => db.pushSubscription.count({ where: { userId } });
