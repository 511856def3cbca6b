import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpSink } from '../../../../tests/support/smtp-sink.ts';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { queueMail } from './outbox.ts';
import { logTransport, smtpTransport } from './transport.ts';
import { backoffMs, deliverDueMail, purgeSentMail } from './worker.ts';
import { freePort } from '../../../../tests/support/ports.ts';

let db: Database;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);
beforeEach(async () => {
	await db.outboxMessage.deleteMany();
});

const options = { from: 'Each Other <no-reply@test>', retryBaseMs: 0 };

describe('the outbox', () => {
	it('keeps mail queued while SMTP is down and delivers it once SMTP is up, exactly once', async () => {
		const port = await freePort();
		const transport = smtpTransport(`smtp://127.0.0.1:${port}`);
		await db.$transaction(async (tx) => {
			await queueMail(tx, { to: 'neighbor@example.org', subject: 'Hello', text: 'Follow http://x.test/a' });
		});

		const down = await deliverDueMail({ transport, ...options });
		expect(down).toEqual({ sent: 0, failed: 1 });
		const queued = await db.outboxMessage.findFirstOrThrow();
		expect(queued).toMatchObject({ sentAt: null, attempts: 1 });
		expect(queued.lastError).toMatch(/ECONNREFUSED/);

		const sink = await startSmtpSink(port);
		try {
			expect(await deliverDueMail({ transport, ...options })).toEqual({ sent: 1, failed: 0 });
			expect(await deliverDueMail({ transport, ...options })).toEqual({ sent: 0, failed: 0 });
			expect(sink.received).toHaveLength(1);
			expect(sink.received[0]).toMatchObject({ to: ['neighbor@example.org'], subject: 'Hello' });
			expect(sink.received[0]!.text).toContain('http://x.test/a');
		} finally {
			transport.close();
			await sink.close();
		}
	});

	it('writes nothing when the transaction that queued the mail rolls back', async () => {
		await expect(
			db.$transaction(async (tx) => {
				await queueMail(tx, { to: 'a@example.org', subject: 'Never', text: 'x' });
				throw new Error('the change failed');
			})
		).rejects.toThrow('the change failed');
		expect(await db.outboxMessage.count()).toBe(0);
	});

	it('queues nothing for .invalid addresses (demo people), which no mail can reach', async () => {
		await queueMail(db, { to: 'demo-1@example.invalid', subject: 'Still needed?', text: 'x' });
		await queueMail(db, { to: 'Demo-2@Example.INVALID', subject: 'Still needed?', text: 'x' });
		await queueMail(db, { to: 'someone@invalid.example.org', subject: 'Hello', text: 'x' });
		expect((await db.outboxMessage.findMany()).map((row) => row.toAddress)).toEqual([
			'someone@invalid.example.org'
		]);
	});

	it('never hands one message to two workers at once', async () => {
		for (let i = 0; i < 10; i++) await queueMail(db, { to: `n${i}@example.org`, subject: 'Hi', text: 'x' });
		const sentTo: string[] = [];
		const slowTransport = {
			async send(mail: { to: string }) {
				await new Promise((resolve) => setTimeout(resolve, 5));
				sentTo.push(mail.to);
			},
			close() {}
		};
		const results = await Promise.all(
			[1, 2, 3].map(() => deliverDueMail({ transport: slowTransport, ...options, batchSize: 4 }))
		);
		const total = results.reduce((sum, r) => sum + r.sent, 0);
		// Whatever a round leaves, the next picks up; nothing goes out twice.
		const rest = await deliverDueMail({ transport: slowTransport, ...options, batchSize: 10 });
		expect(total + rest.sent).toBe(10);
		expect(new Set(sentTo).size).toBe(10);
		expect(sentTo).toHaveLength(10);
	});

	it('sends each message once when the relay is slower than the lease and a second worker comes by', async () => {
		const recipients = ['slow0@example.org', 'slow1@example.org', 'slow2@example.org'];
		for (const to of recipients) await queueMail(db, { to, subject: 'Slow', text: 'x' });
		const port = await freePort();
		const sink = await startSmtpSink(port, undefined, { delayMs: 1_500 });
		const [first, second] = [1, 2].map(() => smtpTransport(`smtp://127.0.0.1:${port}`));
		// A one-second lease against a 1.5 s relay: the second worker arrives after the first worker's
		// original lease has run out while it is still sending.
		const leased = { ...options, leaseSeconds: 1 };
		try {
			await Promise.all([
				deliverDueMail({ transport: first!, ...leased }),
				new Promise((resolve) => setTimeout(resolve, 1_200)).then(() =>
					deliverDueMail({ transport: second!, ...leased })
				)
			]);
			expect(sink.received.map((mail) => mail.to[0]).sort()).toEqual(recipients);
			expect(await db.outboxMessage.count({ where: { sentAt: null } })).toBe(0);
		} finally {
			first!.close();
			second!.close();
			await sink.close();
		}
	});

	it('backs off exponentially, capped at an hour', () => {
		expect([1, 2, 3, 4].map((n) => backoffMs(n, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
		expect(backoffMs(30, 30_000)).toBe(60 * 60 * 1000);
	});

	it('deletes sent mail after a week', async () => {
		await queueMail(db, { to: 'old@example.org', subject: 'Old', text: 'x' });
		await queueMail(db, { to: 'new@example.org', subject: 'New', text: 'x' });
		await db.outboxMessage.updateMany({
			where: { toAddress: 'old@example.org' },
			data: { sentAt: new Date(Date.now() - 8 * 24 * 60 * 60 * 1000) }
		});
		expect(await purgeSentMail()).toBe(1);
		expect((await db.outboxMessage.findMany()).map((m) => m.toAddress)).toEqual(['new@example.org']);
	});
});

describe('without SMTP', () => {
	it('prints one line with the recipient and every link', async () => {
		const lines: string[] = [];
		await logTransport((line) => lines.push(line)).send({
			from: 'x',
			to: 'neighbor@example.org',
			subject: 'Sign in',
			text: 'Go to http://localhost:3000/auth/callback/nodemailer?token=abc&email=n%40e.org\n\nor https://example.org/help.'
		});
		expect(lines).toEqual([
			'[mail] to=neighbor@example.org subject="Sign in" links=http://localhost:3000/auth/callback/nodemailer?token=abc&email=n%40e.org https://example.org/help'
		]);
	});
});
