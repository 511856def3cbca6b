// Proving someone holds a phone number: a texted 6-digit code, and a link that does the same on the
// device that asked. Used to sign in by phone and to add a number to an account. Codes are stored as
// keyed hashes (AUTH_SECRET), live CODE_MINUTES, allow CODE_ATTEMPTS guesses, and are deleted once used
// or replaced; the text goes through the outbox in the transaction that saves its code.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { publicOrigin } from '../config.ts';
import { db } from '../db/index.ts';
import { queueText } from '../mail/outbox.ts';
import { authSecret } from './index.ts';

export const CODE_MINUTES = 10;
export const CODE_ATTEMPTS = 5;
/** The page that takes the code, and where the texted link leads. */
export const CODE_PAGE = '/signin/phone/code';

const keyed = (kind: string, value: string) =>
	createHmac('sha256', authSecret()).update(`${kind}:${value}`).digest('hex');

const sameHash = (a: string, b: string) =>
	a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

export interface CodeRequest {
	number: string;
	/** Set when a signed-in person adds this number to their account; unset for a sign-in. */
	userId?: string;
	locale: Locale;
}

/** Saves a fresh code for the number (replacing any earlier one for the same purpose) and texts it. */
export async function sendPhoneCode({ number, userId, locale }: CodeRequest): Promise<{ id: string }> {
	const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
	const link = randomBytes(24).toString('base64url');
	return db.$transaction(async (tx) => {
		await tx.phoneCode.deleteMany({ where: { number, userId: userId ?? null } });
		const { id } = await tx.phoneCode.create({
			data: {
				number,
				userId,
				codeHash: keyed('code', code),
				linkHash: keyed('link', link),
				expires: new Date(Date.now() + CODE_MINUTES * 60 * 1000)
			}
		});
		const text = userId
			? m.sms_add_phone_code({ code, minutes: CODE_MINUTES }, { locale })
			: m.sms_sign_in_code(
					{ code, minutes: CODE_MINUTES, url: `${publicOrigin()}${CODE_PAGE}?t=${link}` },
					{ locale }
				);
		await queueText(tx, { to: number, text });
		return { id };
	});
}

export type CodeCheck =
	{ ok: true; number: string; userId: string | null } | { ok: false; reason: 'wrong' | 'expired' };

/**
 * Checks a typed code (or the texted link's token) against the pending code `id`. Each check uses up
 * an attempt first, in one conditional update, so parallel guesses cannot go past CODE_ATTEMPTS; a
 * right answer deletes the code, so it works once.
 */
export async function checkPhoneCode(
	id: string,
	answer: { code: string } | { link: string }
): Promise<CodeCheck> {
	const [pending] = await db.$queryRaw<
		{ number: string; user_id: string | null; code_hash: string; link_hash: string }[]
	>`
		UPDATE phone_codes SET attempts = attempts + 1
		 WHERE id = ${id} AND attempts < ${CODE_ATTEMPTS} AND expires > now()
		RETURNING number, user_id, code_hash, link_hash`;
	if (!pending) return { ok: false, reason: 'expired' };
	const right =
		'code' in answer
			? sameHash(keyed('code', answer.code.replace(/\D/g, '')), pending.code_hash)
			: sameHash(keyed('link', answer.link), pending.link_hash);
	if (!right) return { ok: false, reason: 'wrong' };
	const { count } = await db.phoneCode.deleteMany({ where: { id } });
	if (count === 0) return { ok: false, reason: 'expired' };
	return { ok: true, number: pending.number, userId: pending.user_id };
}

/** The number a pending code was texted to, while it can still be used. */
export async function pendingNumber(id: string): Promise<string | null> {
	const pending = await db.phoneCode.findFirst({
		where: { id, expires: { gt: new Date() }, attempts: { lt: CODE_ATTEMPTS } },
		select: { number: true }
	});
	return pending?.number ?? null;
}

/** The pending code a signed-in person is adding to their account, if any. */
export const pendingPhoneFor = (userId: string) =>
	db.phoneCode.findFirst({
		where: { userId, expires: { gt: new Date() }, attempts: { lt: CODE_ATTEMPTS } },
		select: { id: true, number: true }
	});

/** The person a verified number signs in as: its account, or a new one that is texted by default. */
export async function accountForNumber(number: string, locale: Locale): Promise<string> {
	const existing = await db.user.findUnique({ where: { smsNumber: number }, select: { id: true } });
	if (existing) return existing.id;
	// Two sign-ins racing for a new number: the unique index lets one create it, the other finds it.
	const created = await db.user
		.create({ data: { smsNumber: number, notifyBy: 'SMS', uiLocale: locale }, select: { id: true } })
		.catch(() => null);
	return created?.id ?? (await db.user.findUniqueOrThrow({ where: { smsNumber: number } })).id;
}

export type AddPhoneResult = { ok: true } | { ok: false; reason: 'wrong' | 'expired' | 'taken' };

/** Verifies the code a signed-in person typed and makes the number theirs. */
export async function verifyAddedPhone(userId: string, code: string): Promise<AddPhoneResult> {
	const pending = await pendingPhoneFor(userId);
	if (!pending) return { ok: false, reason: 'expired' };
	const check = await checkPhoneCode(pending.id, { code });
	if (!check.ok) return check;
	const owner = await db.user.findUnique({ where: { smsNumber: check.number }, select: { id: true } });
	if (owner && owner.id !== userId) return { ok: false, reason: 'taken' };
	// Another account may verify the same number at the same moment: the unique index decides.
	const saved = await db.user
		.update({ where: { id: userId }, data: { smsNumber: check.number } })
		.then(() => true)
		.catch(() => false);
	return saved ? { ok: true } : { ok: false, reason: 'taken' };
}

/**
 * Takes the number off the account; notices go by mail again (texts need a number). Refused when the
 * number is the account's only way in: without an email address nobody could sign in to it again.
 */
export async function removePhone(userId: string): Promise<boolean> {
	const { count } = await db.user.updateMany({
		where: { id: userId, email: { not: null } },
		data: { smsNumber: null, notifyBy: 'MAIL' }
	});
	if (count > 0) await db.phoneCode.deleteMany({ where: { userId } });
	return count > 0;
}
