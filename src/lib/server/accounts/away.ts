// Someone can step away for a while: until the date they give, the new-post mail (posts/network-mail.ts)
// skips them, and the dates of their standing commitments until then open again for others (each poster
// told once; the commitment goes on after). Other replies already under way are theirs as before, and
// nobody else is told they are away: it is their own business.
import { z } from 'zod';
import { dateInNewYork, futureDate, nextDay, startOfDayInNewYork } from '../calendar.ts';
import { standAsideUntil } from '../claims/standing.ts';
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';

export const AWAY_MAX_DAYS = 366;

/** "Away until December 7" includes December 7: back when the next day begins. */
export const awaySchemaAt = (now = new Date()) =>
	z.object({
		until: futureDate(now, AWAY_MAX_DAYS, {
			invalid: 'account_away_error',
			past: 'account_away_error',
			far: 'account_away_error'
		})
	});

/** Also hands back the days of their standing commitments until then (claims/standing.ts). */
export async function setAway(userId: string, until: string | null, origin: string) {
	const awayUntil = until === null ? null : startOfDayInNewYork(nextDay(until));
	await db.user.update({ where: { id: userId }, data: { awayUntil } });
	if (until !== null) await standAsideUntil(userId, until, origin);
}

/** The last day someone is away (YYYY-MM-DD as they chose it), or null when they are not. */
export function awayThrough(awayUntil: Date | null, now = new Date()) {
	if (!awayUntil || awayUntil <= now) return null;
	// Noon of the day before "back": the day they chose, whatever daylight saving did in between.
	return dateInNewYork(new Date(awayUntil.getTime() - 12 * 60 * 60 * 1000));
}

/** People not away at `now`, for whoever mails them about new work. */
export const notAway = (now = new Date()) =>
	({ OR: [{ awayUntil: null }, { awayUntil: { lte: now } }] }) satisfies Prisma.UserWhereInput;
