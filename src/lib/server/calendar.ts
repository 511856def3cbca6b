// Dates people pick on a form (a pause's end, being away) are days in New York, where the networks
// work, not in the server's zone: a date becomes the moment that day begins there.
import { z } from 'zod';

const TIME_ZONE = 'America/New_York';
const DAY_MS = 24 * 60 * 60 * 1000;

/** The calendar date in New York at `now`, as YYYY-MM-DD. */
export const dateInNewYork = (now: Date) => now.toLocaleDateString('en-CA', { timeZone: TIME_ZONE });

/** New York's offset from UTC at `instant`, in minutes (-300 in winter, -240 in summer). */
function offsetMinutes(instant: Date) {
	const name = new Intl.DateTimeFormat('en-US', { timeZone: TIME_ZONE, timeZoneName: 'longOffset' })
		.formatToParts(instant)
		.find((part) => part.type === 'timeZoneName')?.value;
	const [, sign, hours, minutes] = /GMT([+-])(\d\d):(\d\d)/.exec(name ?? '') ?? [];
	return sign ? (sign === '-' ? -1 : 1) * (Number(hours) * 60 + Number(minutes)) : 0;
}

/**
 * The moment the clocks in New York show `time` (HH:MM) on `date` (YYYY-MM-DD). The offset in force is
 * the one before or the one after the day's change, whichever reads back as that time; in the hour
 * skipped in March, the earlier offset, so 2:30 is 3:30 daylight time, as a clock set forward shows it.
 */
export function instantInNewYork(date: string, time: string) {
	const wall = Date.parse(`${date}T${time}:00Z`);
	const before = offsetMinutes(new Date(wall - DAY_MS));
	const after = offsetMinutes(new Date(wall + DAY_MS));
	for (const offset of [before, after]) {
		const instant = new Date(wall - offset * 60_000);
		if (offsetMinutes(instant) === offset) return instant;
	}
	return new Date(wall - before * 60_000);
}

/** Midnight in New York at the start of `date` (YYYY-MM-DD). */
export const startOfDayInNewYork = (date: string) => instantInNewYork(date, '00:00');

/** The day after `date` (YYYY-MM-DD). */
export const nextDay = (date: string) =>
	new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

/**
 * A date field: a real YYYY-MM-DD after today in New York and at most `maxDays` ahead, each failure
 * named by its own message key.
 */
export function futureDate(
	now: Date,
	maxDays: number,
	messages: { invalid: string; past: string; far: string }
) {
	const today = dateInNewYork(now);
	const latest = dateInNewYork(new Date(now.getTime() + maxDays * DAY_MS));
	return z
		.string()
		.regex(/^\d{4}-\d{2}-\d{2}$/, messages.invalid)
		.refine((date) => !Number.isNaN(Date.parse(date)), messages.invalid)
		.refine((date) => date > today, messages.past)
		.refine((date) => date <= latest, messages.far);
}
