// Every rate limit in one table, so the numbers can be read, compared and tuned side by side. Each
// action counts against its account (or, for sign-in, the address) and against the IP it came from:
// the account limit stops one person flooding, the IP limit stops one person with many accounts.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { hitLimits, type Limit } from './index.ts';

const HOUR = 60 * 60;
const DAY = 24 * HOUR;

interface Rule {
	max: number;
	windowSeconds: number;
}

/** Generous enough for a neighbor posting a few things at once or an organizer onboarding a team. */
export const LIMITS = {
	signin: { who: { max: 5, windowSeconds: HOUR }, ip: { max: 30, windowSeconds: HOUR } },
	post: { who: { max: 10, windowSeconds: HOUR }, ip: { max: 30, windowSeconds: HOUR } },
	// A moderator typing in requests from a phone line posts for many neighbors in one sitting.
	intake: { who: { max: 30, windowSeconds: HOUR }, ip: { max: 60, windowSeconds: HOUR } },
	// Each reply mails the poster, so replies are what an abuser would use to mail the whole board.
	reply: { who: { max: 20, windowSeconds: HOUR }, ip: { max: 60, windowSeconds: HOUR } },
	message: { who: { max: 60, windowSeconds: HOUR }, ip: { max: 180, windowSeconds: HOUR } },
	report: { who: { max: 10, windowSeconds: HOUR }, ip: { max: 30, windowSeconds: HOUR } },
	invite: { who: { max: 20, windowSeconds: DAY }, ip: { max: 40, windowSeconds: DAY } },
	organizerRequest: { who: { max: 3, windowSeconds: DAY }, ip: { max: 10, windowSeconds: DAY } }
} as const satisfies Record<string, { who: Rule; ip: Rule }>;

export type LimitName = keyof typeof LIMITS;

/** The counters one attempt hits: `who` is the account id (or the e-mail address for sign-in). */
export function limitsFor(name: LimitName, who: string, ip: string): Limit[] {
	const { who: perWho, ip: perIp } = LIMITS[name];
	return [
		{ key: `${name}:${who}`, ...perWho },
		{ key: `${name}-ip:${ip}`, ...perIp }
	];
}

/**
 * Counts one attempt; null if it may go ahead, else the 429 for the form. `form` names which form was
 * refused, so a page with several forms shows the wait beside the right one.
 */
export async function refuseIfLimited<Extra extends object = object>(
	event: Pick<RequestEvent, 'getClientAddress'>,
	name: LimitName,
	who: string,
	extra?: Extra
) {
	const result = await hitLimits(limitsFor(name, who, event.getClientAddress()));
	if (result.allowed) return null;
	return fail(429, {
		...(extra as Extra),
		form: name,
		limitedMinutes: Math.ceil(result.retryAfterSeconds / 60)
	});
}
