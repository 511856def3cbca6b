// Web push end to end on the server side: a real notice (an offer of help) queued for each of the
// person's devices in their language, sent by the outbox worker through web-push to a local fake push
// service that checks the VAPID signature and decrypts the payload as the device would; a subscription
// the push service says is gone (410) is forgotten.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { startFakePush, type FakeDevice, type FakePush } from '../../../../tests/support/fake-push.ts';
import { postNeed } from '../../../../tests/support/posts.ts';
import { createClaim } from '../claims/lifecycle.ts';
import type { Database } from '../db/index.ts';
import { queuePush } from '../mail/outbox.ts';
import { deliverDuePush } from './index.ts';
import { subscribe, subscriptionSchema, unsubscribe } from './subscriptions.ts';
import { forgetVapidKeys, vapidKeys } from './vapid.ts';

const ORIGIN = 'https://each.test';
const RUN = `p${Date.now().toString(36)}`;
let db: Database;
let push: FakePush;
let dataDir: string;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
	push = await startFakePush();
	dataDir = mkdtempSync(path.join(tmpdir(), 'push-test-'));
});
afterAll(async () => {
	await push.close();
	rmSync(dataDir, { recursive: true, force: true });
	await disconnectDatabase();
});
afterEach(() => {
	vi.unstubAllEnvs();
	forgetVapidKeys();
});

/** Push on, keys generated into a fresh DATA_DIR as on a zero-setup install. */
function pushOn() {
	vi.stubEnv('WEB_PUSH', 'on');
	vi.stubEnv('DATABASE_URL', '');
	vi.stubEnv('VAPID_PUBLIC_KEY', '');
	vi.stubEnv('VAPID_PRIVATE_KEY', '');
	vi.stubEnv('DATA_DIR', dataDir);
}

const person = (name: string, uiLocale = 'en') =>
	db.user.create({
		data: { name, uiLocale, email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org` }
	});

/** What the fake's certificate needs: the subscription stored as subscribe() would store it. */
async function withDevice(userId: string): Promise<FakeDevice> {
	const device = push.device();
	await db.pushSubscription.create({
		data: {
			userId,
			endpoint: device.subscription.endpoint,
			p256dh: device.subscription.keys.p256dh,
			auth: device.subscription.keys.auth
		}
	});
	return device;
}

const deliver = () => deliverDuePush({ retryBaseMs: 10, agent: push.agent });

describe('VAPID keys', () => {
	it('are generated once into DATA_DIR and read back after a restart', async () => {
		pushOn();
		const first = await vapidKeys(() => {});
		expect(JSON.parse(readFileSync(path.join(dataDir, 'vapid-keys.json'), 'utf8'))).toEqual(first);
		forgetVapidKeys();
		expect(await vapidKeys(() => {})).toEqual(first);
	});

	it('must be given when instances share a database', async () => {
		pushOn();
		vi.stubEnv('DATABASE_URL', 'postgres://elsewhere/db');
		await expect(vapidKeys(() => {})).rejects.toThrow(/VAPID_PUBLIC_KEY/);
	});
});

describe('push notifications', () => {
	it('pushes a notice to each of the person’s devices in their language, encrypted and signed', async () => {
		pushOn();
		const poster = await person('Pilar', 'es');
		const helper = await person('Helper');
		const phone = await withDevice(poster.id);
		const tablet = await withDevice(poster.id);
		const postId = await postNeed(poster.id, `Sopa ${RUN}`);
		const claimId = await createClaim(postId, helper.id, 'Yo la llevo', ORIGIN);

		// Beside the mail, not instead of it.
		expect(await db.outboxMessage.count({ where: { channel: 'MAIL', toAddress: poster.email! } })).toBe(1);
		expect(await deliver()).toEqual({ sent: 2, failed: 0 });
		expect(push.rejected).toEqual([]);
		const received = push.delivered.filter((d) =>
			[phone, tablet].some((device) => device.subscription.endpoint === d.endpoint)
		);
		expect(received).toHaveLength(2);
		for (const { text, claims, ttl } of received) {
			const payload = JSON.parse(text) as { title: string; body: string; url: string };
			expect(payload.title).toBe('Each Other');
			expect(payload.url).toBe(`${ORIGIN}/claims/${claimId}`);
			// The mail's Spanish subject, naming the post; the helper's note stays on the page.
			expect(payload.body).toContain(`Sopa ${RUN}`);
			expect(payload.body).toBe(
				(await db.outboxMessage.findFirstOrThrow({ where: { channel: 'MAIL', toAddress: poster.email! } }))
					.subject
			);
			expect(payload.body).toMatch(/respond|ofrece|ayuda/i);
			expect(text).not.toContain('Yo la llevo');
			expect(claims.aud).toBe(push.origin);
			expect(claims.sub).toMatch(/^mailto:/);
			expect(ttl).toBe(24 * 60 * 60);
		}
	});

	it('forgets a device the push service says is gone, and drops its notice', async () => {
		pushOn();
		const poster = await person('Gone');
		const helper = await person('Helper');
		const device = await withDevice(poster.id);
		push.gone.add(device.subscription.endpoint);
		await createClaim(await postNeed(poster.id, `Gone ${RUN}`), helper.id, 'I can', ORIGIN);
		const before = push.delivered.length;

		expect(await deliver()).toEqual({ sent: 0, failed: 0 });
		expect(push.delivered.length).toBe(before);
		expect(await db.pushSubscription.count({ where: { endpoint: device.subscription.endpoint } })).toBe(0);
		expect(await db.outboxMessage.count({ where: { channel: 'PUSH', sentAt: null } })).toBe(0);
	});

	it('queues nothing for devices while push is off', async () => {
		vi.stubEnv('WEB_PUSH', 'off');
		const poster = await person('Off');
		const helper = await person('Helper');
		const device = await withDevice(poster.id);
		await createClaim(await postNeed(poster.id, `Off ${RUN}`), helper.id, 'I can', ORIGIN);
		const { id } = await db.pushSubscription.findUniqueOrThrow({
			where: { endpoint: device.subscription.endpoint }
		});
		expect(await db.outboxMessage.count({ where: { channel: 'PUSH', toAddress: String(id) } })).toBe(0);
	});
});

describe('subscriptions', () => {
	it('takes a browser’s https subscription, moves it to whoever signs in on the device, and forgets it', async () => {
		const first = await person('First');
		const second = await person('Second');
		const { subscription } = push.device();
		const valid = { ...subscription, endpoint: `https://push.example/${RUN}` };
		expect(subscriptionSchema.safeParse(valid).success).toBe(true);
		expect(subscriptionSchema.safeParse({ ...valid, endpoint: 'http://push.example/x' }).success).toBe(false);
		expect(subscriptionSchema.safeParse({ ...valid, keys: { p256dh: 'x', auth: 'y' } }).success).toBe(false);
		const parsed = subscriptionSchema.parse(valid);

		await subscribe(first.id, parsed, null);
		const { id: firstDevice } = await db.pushSubscription.findUniqueOrThrow({
			where: { endpoint: valid.endpoint }
		});
		await queuePush(db, firstDevice, { title: 'Each Other', body: 'For First only', url: ORIGIN });
		const signIn = await db.session.create({
			data: { sessionToken: `push-${RUN}`, userId: second.id, expires: new Date(Date.now() + 864e5) }
		});
		await subscribe(second.id, parsed, signIn.sessionToken);
		expect(await db.pushSubscription.findMany({ where: { endpoint: valid.endpoint } })).toEqual([
			expect.objectContaining({ userId: second.id })
		]);
		// The first person's notices stay theirs: none reaches the device, or the second one's data.
		expect(await db.outboxMessage.count({ where: { channel: 'PUSH', toAddress: String(firstDevice) } })).toBe(
			0
		);
		const { id: secondDevice } = await db.pushSubscription.findUniqueOrThrow({
			where: { endpoint: valid.endpoint }
		});
		expect(secondDevice).not.toBe(firstDevice);
		// Only its owner can switch a device off.
		await unsubscribe(first.id, valid.endpoint);
		expect(await db.pushSubscription.count({ where: { endpoint: valid.endpoint } })).toBe(1);
		await unsubscribe(second.id, valid.endpoint);
		expect(await db.pushSubscription.count({ where: { endpoint: valid.endpoint } })).toBe(0);

		// Turned on again, then signed out of: the device is forgotten with the sign-in.
		await subscribe(second.id, parsed, signIn.sessionToken);
		expect(await db.pushSubscription.count({ where: { endpoint: valid.endpoint } })).toBe(1);
		await db.session.delete({ where: { sessionToken: signIn.sessionToken } });
		expect(await db.pushSubscription.count({ where: { endpoint: valid.endpoint } })).toBe(0);
	});
});
