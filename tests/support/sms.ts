// Vitest helpers for the text channel: a fake provider configured as SMS_URL for the file's tests, and
// its webhooks run through a route handler the way the provider would send them.
import { afterAll, beforeAll } from 'vitest';
import { publicOrigin } from '../../src/lib/server/config.ts';
import { startFakeSms, type FakeSms } from './fake-sms.ts';
import { outcomeOf, requestEvent } from './request-event.ts';

/** Starts a fake provider before the file's tests and makes it the app's SMS_URL until they end. */
export function useFakeSms(): { readonly current: FakeSms } {
	const holder = {} as { current: FakeSms };
	const original = process.env.SMS_URL;
	beforeAll(async () => {
		holder.current = await startFakeSms();
		process.env.SMS_URL = holder.current.url;
	});
	afterAll(async () => {
		await holder.current?.close();
		if (original === undefined) delete process.env.SMS_URL;
		else process.env.SMS_URL = original;
	});
	return holder;
}

/** A webhook request as the provider sends it: form fields, a signature, and no Origin header. */
export async function postWebhook(
	fake: FakeSms,
	route: { POST: (event: never) => unknown },
	path: string,
	fields: Record<string, string>,
	signature = fake.sign(publicOrigin() + path, fields)
) {
	const event = await requestEvent({ path });
	const request = new Request(new URL(path, publicOrigin()), {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
		body: new URLSearchParams(fields)
	});
	return outcomeOf(() => route.POST({ ...event, request } as never));
}
