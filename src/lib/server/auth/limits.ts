import type { Limit } from '../ratelimit/index.ts';

const MINUTE = 60;
const DAY = 24 * 60 * MINUTE;

/**
 * How many sign-in links may be asked for, per address and per client. Anyone can ask for anyone's
 * address, so the per-address limit must not lock its owner out: a short window (five per ten minutes)
 * ends soon, and the links already mailed stay valid for SIGN_IN_LINK_MINUTES, so the newest one in
 * the inbox still signs its owner in. The daily cap only bounds how much mail an address can be sent.
 */
export function signInLimits(email: string, clientAddress: string): Limit[] {
	return [
		{ key: `signin-email:${email}`, max: 5, windowSeconds: 10 * MINUTE },
		{ key: `signin-email-day:${email}`, max: 30, windowSeconds: DAY },
		{ key: `signin-ip:${clientAddress}`, max: 30, windowSeconds: 60 * MINUTE }
	];
}
