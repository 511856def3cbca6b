// Every rate limit in one table, so the numbers can be read, compared and tuned side by side. Each
// action counts against its account (or, for sign-in, the address) and against the IP it came from:
// the account limit stops one person flooding, the IP limit stops one person with many accounts.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { hitLimits, type Limit } from './index.ts';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

interface Rule {
	max: number;
	windowSeconds: number;
}

const per = (max: number, windowSeconds: number): [Rule] => [{ max, windowSeconds }];

/** Generous enough for a neighbor posting a few things at once or an organizer onboarding a team. */
export const LIMITS = {
	// Anyone can ask for anyone's address, so the per-address limit must not lock its owner out: a short
	// window (five per ten minutes) ends soon, and links already mailed stay valid for
	// SIGN_IN_LINK_MINUTES, so the newest one in the inbox still works. The daily cap only bounds how
	// much mail one address can be sent.
	signin: { who: [...per(5, 10 * MINUTE), ...per(30, DAY)], ip: per(30, HOUR) },
	// Texts cost money per message, and SMS pumping (bots asking for codes to premium numbers that pay
	// the fraudster) is the known attack: tighter per number and per client, and a cap on the whole
	// site's texted codes per day, so a botnet with many addresses still cannot run up the bill.
	signinText: { who: [...per(3, 10 * MINUTE), ...per(10, DAY)], ip: per(10, HOUR), all: per(1000, DAY) },
	post: { who: per(10, HOUR), ip: per(30, HOUR) },
	// A moderator typing in requests from a phone line posts for many neighbors in one sitting.
	intake: { who: per(30, HOUR), ip: per(60, HOUR) },
	// Each reply mails the poster, so replies are what an abuser would use to mail the whole board.
	reply: { who: per(20, HOUR), ip: per(60, HOUR) },
	message: { who: per(60, HOUR), ip: per(180, HOUR) },
	report: { who: per(10, HOUR), ip: per(30, HOUR) },
	invite: { who: per(20, DAY), ip: per(40, DAY) },
	organizerRequest: { who: per(3, DAY), ip: per(10, DAY) }
} as const satisfies Record<string, { who: readonly Rule[]; ip: readonly Rule[]; all?: readonly Rule[] }>;

export type LimitName = keyof typeof LIMITS;

/**
 * The counters one attempt hits: `who` is the account id (or the e-mail address or phone number for
 * sign-in; keys are hashed before they are stored), and `all` counts every attempt on the site.
 */
export function limitsFor(name: LimitName, who: string, ip: string): Limit[] {
	const limits = LIMITS[name];
	const perAll: readonly Rule[] = 'all' in limits ? limits.all : [];
	return [
		...limits.who.map((rule) => ({ key: `${name}/${rule.windowSeconds}:${who}`, ...rule })),
		...limits.ip.map((rule) => ({ key: `${name}-ip/${rule.windowSeconds}:${ip}`, ...rule })),
		...perAll.map((rule) => ({ key: `${name}-all/${rule.windowSeconds}`, ...rule }))
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
