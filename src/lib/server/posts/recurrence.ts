// When a repeating request comes back: pure date arithmetic on calendar days (YYYY-MM-DD, no time of
// day or zone), so a series lands on the same weekday whatever the clocks do. Hand-written rather than
// an RRULE library: four rules, each a few lines, and no time zones to get wrong.
import { REPEAT_RULES, type RepeatRule } from '../../posts.ts';

export { REPEAT_RULES };

/** However it is set, a series makes at most this many occurrences. */
export const SERIES_MAX = 52;
/** An end date at most this far ahead (a year and a bit, so "weekly until next December" fits). */
export const SERIES_SPAN_DAYS = 400;
/** Occurrences are created only this far ahead, a few at a time, so a series never floods the board. */
export const HORIZON_DAYS = 28;

export interface Recurrence {
	rule: RepeatRule;
	startsOn: string;
	/** WEEKDAYS: 0 (Sunday) to 6. */
	weekdays: number[];
	until: string | null;
	count: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const parse = (day: string) => new Date(`${day}T00:00:00Z`);
const format = (date: Date) => date.toISOString().slice(0, 10);
export const addDays = (day: string, days: number) => format(new Date(parse(day).getTime() + days * DAY_MS));

/** The n-th month after the start, on the start's day, or the month's last day when it is shorter. */
function monthly(startsOn: string, n: number) {
	const start = parse(startsOn);
	const year = start.getUTCFullYear();
	const month = start.getUTCMonth() + n;
	const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
	return format(new Date(Date.UTC(year, month, Math.min(start.getUTCDate(), last))));
}

/** Every day of the series in order, endlessly; the caller stops it. */
function* days(series: Recurrence): Generator<string> {
	if (series.rule === 'WEEKDAYS') {
		if (!series.weekdays.length) return;
		for (let day = series.startsOn; ; day = addDays(day, 1)) {
			if (series.weekdays.includes(parse(day).getUTCDay())) yield day;
		}
	}
	for (let n = 0; ; n++) {
		if (series.rule === 'MONTHLY') yield monthly(series.startsOn, n);
		else yield addDays(series.startsOn, n * (series.rule === 'BIWEEKLY' ? 14 : 7));
	}
}

/**
 * The next occurrences after the `made` already created, up to and including `through`, within the
 * series' end (its date or its count, and never past SERIES_MAX). `finished`: none will ever come after.
 */
export function nextOccurrences(series: Recurrence, made: number, through: string) {
	const limit = Math.min(series.count ?? SERIES_MAX, SERIES_MAX);
	const found: string[] = [];
	let index = 0;
	for (const day of days(series)) {
		if (index >= limit || (series.until !== null && day > series.until)) {
			return { days: found, finished: true };
		}
		if (day > through) return { days: found, finished: false };
		if (index >= made) found.push(day);
		index++;
	}
	return { days: found, finished: true };
}
