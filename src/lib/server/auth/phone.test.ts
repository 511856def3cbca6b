// Signing in by phone and adding a number to an account, through the real form actions and loads: the
// texted code and link, their limits, and the session they end in.
import { createHash } from 'node:crypto';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as accountPage from '../../../routes/account/+page.server.ts';
import * as codePage from '../../../routes/signin/phone/code/+page.server.ts';
import * as phonePage from '../../../routes/signin/phone/+page.server.ts';
import type { Database } from '../db/index.ts';
import { LIMITS } from '../ratelimit/limits.ts';
import { initAuth, SESSION_COOKIES } from './index.ts';
import { CODE_ATTEMPTS } from './phone.ts';

let db: Database;
let counter = 0;
beforeAll(async () => {
	process.env.AUTH_SECRET ??= 'phone-test-secret';
	db = await useTestDatabase();
	await initAuth();
});
afterAll(disconnectDatabase);
beforeEach(async () => {
	await db.outboxMessage.deleteMany({ where: { channel: 'SMS' } });
	await db.phoneCode.deleteMany();
	await db.rateLimitWindow.deleteMany();
});

/** A browser's cookies across requests: what one response sets, the next request sends. */
function cookieJar() {
	const jar = new Map<string, string>();
	const cookies = {
		get: (name: string) => jar.get(name),
		getAll: () => [...jar].map(([name, value]) => ({ name, value })),
		set: (name: string, value: string) => void jar.set(name, value),
		delete: (name: string) => void jar.delete(name),
		serialize: () => ''
	} as unknown as Cookies;
	return { jar, cookies };
}

type Browser = ReturnType<typeof cookieJar>;
const newBrowser = () => cookieJar();
const freshIp = () => `198.51.100.${(++counter % 250) + 1}`;
/** Numbers in the fictional 555-01xx range, a new one per call so limits per number start fresh. */
const freshNumber = () => {
	const n = String(++counter % 100).padStart(2, '0');
	return { typed: `(347) 555-01${n}`, e164: `+1347555 01${n}`.replace(' ', '') };
};

async function withJar(event: RequestEvent, browser: Browser) {
	return { ...event, cookies: browser.cookies } as RequestEvent;
}

async function askForCode(browser: Browser, phone: string, ip = freshIp(), next = '/posts/new') {
	const event = await requestEvent({ path: '/signin/phone', ip, body: form({ phone, next }) });
	return call(phonePage.actions.default, await withJar(event, browser));
}

async function typeCode(browser: Browser, code: string, next = '/posts/new') {
	const event = await requestEvent({ path: '/signin/phone/code', body: form({ code, next }) });
	return call(codePage.actions.default, await withJar(event, browser));
}

async function openLink(browser: Browser, url: string) {
	const { pathname, search } = new URL(url);
	const event = await requestEvent({ path: pathname + search });
	return call(codePage.load, await withJar(event, browser));
}

/** The last text to the number, with the code and link in it. */
async function lastText(number: string) {
	const text = await db.outboxMessage.findFirstOrThrow({
		where: { channel: 'SMS', toAddress: number },
		orderBy: { id: 'desc' }
	});
	return {
		body: text.text,
		code: /\b(\d{6})\b/.exec(text.text)?.[1] ?? '',
		link: /https?:\/\/\S+/.exec(text.text)?.[0] ?? ''
	};
}

const sessionCookie = (browser: Browser) => browser.jar.get(SESSION_COOKIES[0]!);

describe('signing in by phone', () => {
	it('texts a code, and the code starts a database session for the number’s new account', async () => {
		const browser = newBrowser();
		const { typed, e164 } = freshNumber();
		await db.user.updateMany({ where: { smsNumber: e164 }, data: { smsNumber: null } });
		expect(await askForCode(browser, typed)).toEqual({
			kind: 'redirect',
			status: 303,
			location: '/signin/phone/code?next=%2Fposts%2Fnew'
		});
		const { code, link, body } = await lastText(e164);
		expect(code).toMatch(/^\d{6}$/);
		expect(link).toContain('/signin/phone/code?t=');
		// Stored as keyed hashes only.
		const stored = await db.phoneCode.findFirstOrThrow({ where: { number: e164 } });
		expect(JSON.stringify(stored)).not.toContain(code);
		expect(JSON.stringify(stored)).not.toContain(new URL(link).searchParams.get('t'));
		expect(body).toContain(code);

		// The code page names the number only by its last four digits.
		const page = await openLink(browser, 'http://localhost:5173/signin/phone/code?next=%2F');
		expect(page).toMatchObject({ kind: 'data', data: { sentTo: `•••${e164.slice(-4)}` } });

		const wrong = code === '000000' ? '111111' : '000000';
		expect(await typeCode(browser, wrong)).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { errors: { code: 'phone_code_error_wrong' } }
		});
		expect(await typeCode(browser, code)).toEqual({ kind: 'redirect', status: 303, location: '/posts/new' });

		const user = await db.user.findUniqueOrThrow({ where: { smsNumber: e164 } });
		expect(user).toMatchObject({ email: null, notifyBy: 'SMS' });
		const session = await db.session.findUniqueOrThrow({ where: { sessionToken: sessionCookie(browser)! } });
		expect(session.userId).toBe(user.id);
		expect(session.expires.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 60 * 60 * 1000);

		// Once only.
		const again = newBrowser();
		again.jar.set('signin-phone', stored.id);
		expect(await typeCode(again, code)).toMatchObject({
			data: { errors: { code: 'phone_code_error_expired' } }
		});
	});

	it('signs back in to the same account next time', async () => {
		const { typed, e164 } = freshNumber();
		const existing = await db.user.upsert({
			where: { smsNumber: e164 },
			create: { smsNumber: e164, name: 'Returning' },
			update: {}
		});
		const browser = newBrowser();
		await askForCode(browser, typed);
		await typeCode(browser, (await lastText(e164)).code);
		const session = await db.session.findUniqueOrThrow({ where: { sessionToken: sessionCookie(browser)! } });
		expect(session.userId).toBe(existing.id);
	});

	it('signs in from the texted link only in the browser that asked for the code', async () => {
		const { typed, e164 } = freshNumber();
		const asked = newBrowser();
		await askForCode(asked, typed);
		const { link } = await lastText(e164);

		// A link preview, or the text forwarded to someone else: no cookie, no session.
		const elsewhere = newBrowser();
		expect(await openLink(elsewhere, link)).toMatchObject({ kind: 'data', data: { linkProblem: 'device' } });
		expect(sessionCookie(elsewhere)).toBeUndefined();

		expect(await openLink(asked, link)).toEqual({ kind: 'redirect', status: 303, location: '/' });
		expect(sessionCookie(asked)).toBeDefined();
	});

	it(`allows ${CODE_ATTEMPTS} tries at a code, then not even the right one`, async () => {
		const { typed, e164 } = freshNumber();
		const browser = newBrowser();
		await askForCode(browser, typed);
		const { code } = await lastText(e164);
		const wrong = code === '000000' ? '111111' : '000000';
		for (let i = 0; i < CODE_ATTEMPTS; i++) {
			expect(await typeCode(browser, wrong)).toMatchObject({
				data: { errors: { code: 'phone_code_error_wrong' } }
			});
		}
		expect(await typeCode(browser, code)).toMatchObject({
			data: { errors: { code: 'phone_code_error_expired' } }
		});
		expect(sessionCookie(browser)).toBeUndefined();
	});

	it('refuses a code after ten minutes', async () => {
		const { typed, e164 } = freshNumber();
		const browser = newBrowser();
		await askForCode(browser, typed);
		const { code } = await lastText(e164);
		await db.phoneCode.updateMany({
			where: { number: e164 },
			data: { expires: new Date(Date.now() - 1000) }
		});
		expect(await typeCode(browser, code)).toMatchObject({
			data: { errors: { code: 'phone_code_error_expired' } }
		});
	});

	it.each([
		['+52 55 1234 5678', 'phone_error_country'],
		['+44 20 7946 0000', 'phone_error_country'],
		['1-900-555-0123', 'phone_error_not_mobile'],
		['800-555-0100', 'phone_error_not_mobile'],
		['555-01', 'phone_error_invalid']
	])('texts nothing to %s (%s)', async (phone, error) => {
		expect(await askForCode(newBrowser(), phone)).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { errors: { phone: error } }
		});
		expect(await db.outboxMessage.count({ where: { channel: 'SMS' } })).toBe(0);
	});
});

describe('limits on texted codes (SMS pumping)', () => {
	const refused = { kind: 'fail', status: 429, data: expect.objectContaining({ form: 'signinText' }) };

	it('per number, whatever addresses ask', async () => {
		const { typed, e164 } = freshNumber();
		const max = LIMITS.signinText.who[0].max;
		for (let i = 0; i < max; i++)
			expect(await askForCode(newBrowser(), typed)).toMatchObject({ kind: 'redirect' });
		expect(await askForCode(newBrowser(), typed)).toMatchObject(refused);
		expect(await db.outboxMessage.count({ where: { toAddress: e164 } })).toBe(max);
	});

	it('per address, whatever numbers it asks for', async () => {
		const ip = freshIp();
		const max = LIMITS.signinText.ip[0].max;
		for (let i = 0; i < max; i++) {
			expect(await askForCode(newBrowser(), freshNumber().typed, ip)).toMatchObject({ kind: 'redirect' });
		}
		expect(await askForCode(newBrowser(), freshNumber().typed, ip)).toMatchObject(refused);
		expect(await db.outboxMessage.count({ where: { channel: 'SMS' } })).toBe(max);
	});

	it('per day for the whole site, so many addresses and numbers together still stop', async () => {
		expect(await askForCode(newBrowser(), freshNumber().typed)).toMatchObject({ kind: 'redirect' });
		// The day's count as if the site had sent its whole allowance (keys are stored hashed).
		const key = createHash('sha256').update('signinText-all/86400').digest('hex');
		const { count } = await db.rateLimitWindow.updateMany({
			where: { key },
			data: { count: LIMITS.signinText.all[0].max }
		});
		expect(count).toBe(1);
		expect(await askForCode(newBrowser(), freshNumber().typed)).toMatchObject(refused);
		expect(await db.outboxMessage.count({ where: { channel: 'SMS' } })).toBe(1);
	});

	it('keeps numbers out of the limit keys', async () => {
		const { typed, e164 } = freshNumber();
		await askForCode(newBrowser(), typed);
		const keys = (await db.rateLimitWindow.findMany()).map((row) => row.key).join(' ');
		expect(keys).not.toContain(e164.slice(2));
	});
});

describe('a phone number on the account page', () => {
	const accountEvent = async (userId: string, action: string, fields: Record<string, string> = {}) =>
		requestEvent({ path: `/account?/${action}`, userId, ip: freshIp(), body: form(fields) });

	async function person(extra: { email?: string | null } = {}) {
		return db.user.create({
			data: {
				email: `phone-${Date.now()}-${++counter}@example.org`,
				profileCompletedAt: new Date(),
				...extra
			}
		});
	}

	it('is added once the texted code is typed back, and then notices can go by text', async () => {
		const user = await person();
		const { typed, e164 } = freshNumber();
		await db.user.updateMany({ where: { smsNumber: e164 }, data: { smsNumber: null } });
		// Texts need a number first.
		expect(
			await call(accountPage.actions.notify, await accountEvent(user.id, 'notify', { notifyBy: 'SMS' }))
		).toMatchObject({
			kind: 'fail',
			data: { errors: { notifyBy: 'account_notify_error' } }
		});
		expect(
			await call(accountPage.actions.addPhone, await accountEvent(user.id, 'addPhone', { phone: typed }))
		).toMatchObject({
			kind: 'redirect',
			status: 303
		});
		const { code, link } = await lastText(e164);
		expect(link).toBe('');
		expect(await call(accountPage.load, await accountEvent(user.id, 'load'))).toMatchObject({
			data: { pendingPhone: `•••${e164.slice(-4)}` }
		});
		expect(
			await call(accountPage.actions.verifyPhone, await accountEvent(user.id, 'verifyPhone', { code }))
		).toMatchObject({
			kind: 'redirect'
		});
		expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).smsNumber).toBe(e164);
		expect(
			await call(accountPage.actions.notify, await accountEvent(user.id, 'notify', { notifyBy: 'SMS' }))
		).toMatchObject({
			kind: 'redirect'
		});
		expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).notifyBy).toBe('SMS');

		// Removing it sends notices by mail again.
		expect(
			await call(accountPage.actions.removePhone, await accountEvent(user.id, 'removePhone'))
		).toMatchObject({
			kind: 'redirect'
		});
		expect(await db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({
			smsNumber: null,
			notifyBy: 'MAIL'
		});
	});

	it('is refused when another account has it', async () => {
		const { typed, e164 } = freshNumber();
		await db.user.updateMany({ where: { smsNumber: e164 }, data: { smsNumber: null } });
		await person({ email: null }).then((owner) =>
			db.user.update({ where: { id: owner.id }, data: { smsNumber: e164 } })
		);
		const user = await person();
		await call(accountPage.actions.addPhone, await accountEvent(user.id, 'addPhone', { phone: typed }));
		const { code } = await lastText(e164);
		expect(
			await call(accountPage.actions.verifyPhone, await accountEvent(user.id, 'verifyPhone', { code }))
		).toMatchObject({
			kind: 'fail',
			data: { errors: { code: 'account_phone_error_taken' } }
		});
		expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).smsNumber).toBeNull();
	});

	it('cannot be removed when it is the only way in', async () => {
		const { e164 } = freshNumber();
		await db.user.updateMany({ where: { smsNumber: e164 }, data: { smsNumber: null } });
		const user = await person({ email: null });
		await db.user.update({ where: { id: user.id }, data: { smsNumber: e164 } });
		expect(
			await call(accountPage.actions.removePhone, await accountEvent(user.id, 'removePhone'))
		).toMatchObject({
			kind: 'fail',
			data: { errors: { form: 'account_phone_error_only' } }
		});
		expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).smsNumber).toBe(e164);
	});
});
