// Phone numbers as the app keeps them: E.164 ("+17185550100"), parsed from whatever a person types.
// Only countries on the allow-list (SMS_COUNTRIES) and only kinds of number that can receive a text:
// premium-rate and shared-cost numbers are what SMS pumping fraud texts to get paid, and landlines
// cannot read a code.
import { createHash } from 'node:crypto';
import { parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

export type PhoneResult =
	{ ok: true; number: string } | { ok: false; reason: 'invalid' | 'country' | 'not-mobile' };

/**
 * Where a number is ambiguous (NANP lines are both), it is accepted: the provider's delivery status
 * says later whether a text arrived.
 */
const TEXTABLE: ReadonlySet<NumberType> = new Set([
	'MOBILE',
	'FIXED_LINE_OR_MOBILE',
	'PERSONAL_NUMBER',
	'VOIP'
]);

/** `countries[0]` is the country of a number typed without +country code. */
export function parsePhone(input: string, countries: readonly string[]): PhoneResult {
	const phone = parsePhoneNumberFromString(input.trim(), (countries[0] ?? 'US') as CountryCode);
	if (!phone || !phone.isValid()) return { ok: false, reason: 'invalid' };
	if (!phone.country || !countries.includes(phone.country)) return { ok: false, reason: 'country' };
	const type = phone.getType();
	if (!type || !TEXTABLE.has(type)) return { ok: false, reason: 'not-mobile' };
	return { ok: true, number: phone.number };
}

/** How a number is named where it must not be seen whole (the account page, logs): the last 4 digits. */
export const maskPhone = (number: string) => `•••${number.slice(-4)}`;

/** For tables and keys that must recognise a number without holding it (opt-outs, rate limits). */
export const hashPhone = (number: string) => createHash('sha256').update(`phone:${number}`).digest('hex');
