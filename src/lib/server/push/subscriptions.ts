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
 * it (they signed out, this person signed in on the same phone) it is this person's now.
 */
export async function subscribe(userId: string, { endpoint, keys }: Subscription) {
	await db.pushSubscription.upsert({
		where: { endpoint },
		create: { userId, endpoint, p256dh: keys.p256dh, auth: keys.auth },
		update: { userId, p256dh: keys.p256dh, auth: keys.auth }
	});
}

/** Forgets the device; only the person's own, so an endpoint alone cannot switch off someone else's. */
export async function unsubscribe(userId: string, endpoint: string) {
	await db.pushSubscription.deleteMany({ where: { userId, endpoint } });
}

export const deviceCount = (userId: string) => db.pushSubscription.count({ where: { userId } });
