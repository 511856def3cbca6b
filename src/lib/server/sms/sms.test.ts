// The text channel end to end against a fake Twilio-compatible provider: the outbox, opt-outs, and the
// signed webhooks run through their real route handlers.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSms } from '../../../../tests/support/fake-sms.ts';
import { postWebhook, useFakeSms } from '../../../../tests/support/sms.ts';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import * as inboundRoute from '../../../routes/sms/inbound/+server.ts';
import * as statusRoute from '../../../routes/sms/status/+server.ts';
import { publicOrigin, smsConfig } from '../config.ts';
import type { Database } from '../db/index.ts';
import { queueText } from '../mail/outbox.ts';
import { deliverDueTexts, statusCallbackUrl } from './index.ts';
import { keywordOf } from './inbound.ts';
import { providerSmsSender, logSmsSender } from './transport.ts';

let db: Database;
let fake: FakeSms;
const NUMBER = '+17185550142';
const provider = useFakeSms();

beforeAll(async () => {
	db = await useTestDatabase();
	fake = provider.current;
});
afterAll(disconnectDatabase);
beforeEach(async () => {
	await db.outboxMessage.deleteMany();
	await db.smsOptOut.deleteMany();
	fake.sent.length = 0;
	fake.unsubscribed.clear();
	await fake.up();
});
afterEach(() => fake.up());

const deliver = () =>
	deliverDueTexts({ send: providerSmsSender(smsConfig().provider!, statusCallbackUrl()), retryBaseMs: 0 });

const webhook = (
	route: { POST: (event: never) => unknown },
	path: string,
	fields: Record<string, string>,
	signature?: string
) => postWebhook(fake, route, path, fields, signature);
const inbound = (body: string, from = NUMBER) =>
	webhook(inboundRoute, '/sms/inbound', { From: from, To: fake.from, Body: body, MessageSid: 'SMin' });

describe('the text outbox', () => {
	it('keeps texts queued while the provider is down and sends each exactly once when it is back', async () => {
		await db.$transaction(async (tx) => {
			await queueText(tx, { to: NUMBER, text: 'Your code is 123456' });
			await queueText(tx, { to: '+13475550199', text: 'Still needed? Reply 1 or 2' });
		});
		await fake.down();
		expect(await deliver()).toEqual({ sent: 0, failed: 2 });
		const waiting = await db.outboxMessage.findMany({ where: { channel: 'SMS' } });
		expect(waiting.map((m) => [m.sentAt, m.attempts])).toEqual([
			[null, 1],
			[null, 1]
		]);

		await fake.up();
		expect(await deliver()).toEqual({ sent: 2, failed: 0 });
		expect(await deliver()).toEqual({ sent: 0, failed: 0 });
		expect(fake.sent.map((t) => [t.to, t.body])).toEqual([
			[NUMBER, 'Your code is 123456'],
			['+13475550199', 'Still needed? Reply 1 or 2']
		]);
		expect(fake.sent[0]!.statusCallback).toBe(`${publicOrigin()}/sms/status`);
		const sent = await db.outboxMessage.findMany({ where: { channel: 'SMS' }, orderBy: { id: 'asc' } });
		expect(sent.map((m) => m.providerMessageId)).toEqual(fake.sent.map((t) => t.sid));
	});

	it('leaves mail to the mail worker and texts to the text worker', async () => {
		await db.outboxMessage.create({ data: { toAddress: 'n@example.org', subject: 'Hi', text: 'x' } });
		await queueText(db, { to: NUMBER, text: 'Hello' });
		expect(await deliver()).toEqual({ sent: 1, failed: 0 });
		expect(await db.outboxMessage.count({ where: { channel: 'MAIL', sentAt: null } })).toBe(1);
	});

	it('refuses to send with the wrong credentials, and keeps the text for a retry', async () => {
		await queueText(db, { to: NUMBER, text: 'Hello' });
		const wrong = { ...smsConfig().provider!, authToken: 'not-the-token' };
		const result = await deliverDueTexts({
			send: providerSmsSender(wrong, statusCallbackUrl()),
			retryBaseMs: 0
		});
		expect(result).toEqual({ sent: 0, failed: 1 });
		const row = await db.outboxMessage.findFirstOrThrow({ where: { channel: 'SMS' } });
		expect(row.lastError).toBe('SMS provider answered 401 (code 20003)');
		expect(fake.sent).toEqual([]);
	});

	it('records the delivery status the provider calls back with, once the signature checks out', async () => {
		await queueText(db, { to: NUMBER, text: 'Hello' });
		await deliver();
		const [text] = fake.sent;
		const fields = { MessageSid: text!.sid, MessageStatus: 'delivered' };
		const forged = await webhook(
			statusRoute,
			'/sms/status',
			fields,
			fake.sign('http://elsewhere.test/sms/status', fields)
		);
		expect(forged).toMatchObject({ kind: 'error', status: 403 });
		expect((await db.outboxMessage.findFirstOrThrow()).deliveryStatus).toBeNull();

		// The fake posts the real thing over HTTP; here its signed fields go through the route handler.
		expect(await webhook(statusRoute, '/sms/status', fields)).toMatchObject({ kind: 'data' });
		expect((await db.outboxMessage.findFirstOrThrow()).deliveryStatus).toBe('delivered');
	});
});

describe('STOP, START and HELP', () => {
	it('never texts a number after STOP, until START', async () => {
		expect(await inbound('Stop')).toMatchObject({ kind: 'data' });
		await queueText(db, { to: NUMBER, text: 'Did this happen?' });
		await queueText(db, { to: '+13475550199', text: 'Did this happen?' });
		expect(await deliver()).toEqual({ sent: 1, failed: 0 });
		expect(fake.sent.map((t) => t.to)).toEqual(['+13475550199']);
		// Dropped, not retried: nothing waits to go out once they opt back in.
		expect(await db.outboxMessage.count({ where: { toAddress: NUMBER } })).toBe(0);

		await inbound('START');
		await queueText(db, { to: NUMBER, text: 'Welcome back' });
		await deliver();
		expect(fake.sent.map((t) => t.to)).toEqual(['+13475550199', NUMBER]);
	});

	it('holds a STOP that arrives after the text was queued', async () => {
		await queueText(db, { to: NUMBER, text: 'Your claim was accepted' });
		await inbound('unsubscribe');
		await deliver();
		expect(fake.sent).toEqual([]);
	});

	it('learns an opt-out the provider itself reports (error 21610) and stops retrying', async () => {
		fake.unsubscribed.add(NUMBER);
		await queueText(db, { to: NUMBER, text: 'Hello' });
		expect(await deliver()).toEqual({ sent: 0, failed: 0 });
		expect(await db.outboxMessage.count()).toBe(0);
		fake.unsubscribed.clear();
		await queueText(db, { to: NUMBER, text: 'Hello again' });
		await deliver();
		expect(fake.sent).toEqual([]);
	});

	it('answers HELP with who we are and how to stop, in the number’s language', async () => {
		await db.user.updateMany({ where: { smsNumber: NUMBER }, data: { smsNumber: null } });
		await db.user.create({ data: { smsNumber: NUMBER, uiLocale: 'es' } });
		try {
			await inbound('Ayuda');
			await deliver();
			expect(fake.sent.map((t) => t.to)).toEqual([NUMBER]);
			expect(fake.sent[0]!.body).toMatch(/^Each Other: vecinos .* STOP .* START/);
			expect(fake.sent[0]!.body).toContain(`${publicOrigin()}/posts/mine`);
		} finally {
			await db.user.updateMany({ where: { smsNumber: NUMBER }, data: { smsNumber: null } });
		}
	});

	it.each([
		['STOP', 'stop'],
		['  stop. ', 'stop'],
		['Cancel', 'stop'],
		['parar', 'stop'],
		['Arrêt', 'stop'],
		['停止', 'stop'],
		['start', 'start'],
		['UNSTOP', 'start'],
		['help', 'help'],
		['Ayuda', 'help'],
		['stop sending me the mail', undefined],
		['1', undefined]
	])('reads %j as %s', (body, keyword) => {
		expect(keywordOf(body)).toBe(keyword);
	});

	it('refuses an unsigned or wrongly signed inbound text with 403 and changes nothing', async () => {
		const fields = { From: NUMBER, To: fake.from, Body: 'STOP' };
		expect(await webhook(inboundRoute, '/sms/inbound', fields, '')).toMatchObject({
			kind: 'error',
			status: 403
		});
		const otherToken = 'x'.repeat(32);
		const { default: twilio } = await import('twilio');
		const wrong = twilio.getExpectedTwilioSignature(otherToken, publicOrigin() + '/sms/inbound', fields);
		expect(await webhook(inboundRoute, '/sms/inbound', fields, wrong)).toMatchObject({
			kind: 'error',
			status: 403
		});
		// Signed, but the fields were changed on the way.
		const signed = fake.sign(publicOrigin() + '/sms/inbound', { ...fields, Body: 'HELLO' });
		expect(await webhook(inboundRoute, '/sms/inbound', fields, signed)).toMatchObject({
			kind: 'error',
			status: 403
		});
		expect(await db.smsOptOut.count()).toBe(0);
	});
});

describe('without SMS_URL', () => {
	it('prints each text as one line with its number and words', async () => {
		const lines: string[] = [];
		await logSmsSender((line) => lines.push(line))({
			to: NUMBER,
			subject: null,
			text: 'Your Each Other code is 123456.\nOr open http://localhost:3000/signin/phone?t=abc'
		});
		expect(lines).toEqual([
			'[sms] to=+17185550142 body=Your Each Other code is 123456. Or open http://localhost:3000/signin/phone?t=abc'
		]);
	});

	it('has no webhooks at all', async () => {
		delete process.env.SMS_URL;
		try {
			expect(await inbound('STOP')).toMatchObject({ kind: 'error', status: 404 });
		} finally {
			process.env.SMS_URL = fake.url;
		}
	});
});
