// Where the account page's script (static/push.js) hands over this device's push subscription, or says
// it was switched off. JSON, so no other site can send it: a cross-site JSON POST needs a preflight.
import { error, json } from '@sveltejs/kit';
import { z } from 'zod';
import { sessionTokenOf } from '$lib/server/auth';
import { webPushConfig } from '$lib/server/config';
import { authorizeAccount } from '$lib/server/guard';
import { subscribe, subscriptionSchema, unsubscribe } from '$lib/server/push/subscriptions';
import type { RequestHandler } from './$types';

const requestSchema = z.discriminatedUnion('action', [
	z.object({ action: z.literal('subscribe'), subscription: subscriptionSchema }),
	z.object({ action: z.literal('unsubscribe'), endpoint: z.string().max(1000) })
]);

export const POST: RequestHandler = async (event) => {
	const user = await authorizeAccount(event, 'account:edit');
	if (!webPushConfig().enabled) error(404, 'Not found');
	const parsed = requestSchema.safeParse(await event.request.json().catch(() => null));
	if (!parsed.success) error(400, 'Bad request');
	if (parsed.data.action === 'subscribe')
		await subscribe(user.id, parsed.data.subscription, sessionTokenOf(event));
	else await unsubscribe(user.id, parsed.data.endpoint);
	return json({ ok: true });
};
