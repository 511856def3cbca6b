import { describe, expect, it } from 'vitest';
import { dateInNewYork, futureDate, nextDay, startOfDayInNewYork } from './calendar.ts';

describe('days in New York', () => {
	it('start at local midnight, in winter and in summer time', () => {
		expect(startOfDayInNewYork('2026-12-07').toISOString()).toBe('2026-12-07T05:00:00.000Z');
		expect(startOfDayInNewYork('2026-07-04').toISOString()).toBe('2026-07-04T04:00:00.000Z');
		// The day the clocks go back still begins in daylight time.
		expect(startOfDayInNewYork('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
		// And the day they go forward begins in standard time.
		expect(startOfDayInNewYork('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
	});

	it('name the date as New York sees it, not UTC', () => {
		expect(dateInNewYork(new Date('2026-12-08T03:00:00Z'))).toBe('2026-12-07');
		expect(nextDay('2026-12-31')).toBe('2027-01-01');
	});

	it('accept a form date after today and within the limit only', () => {
		const now = new Date('2026-12-07T15:00:00Z');
		const schema = futureDate(now, 10, { invalid: 'bad', past: 'past', far: 'far' });
		const issue = (value: string) => schema.safeParse(value).error?.issues[0]?.message;
		expect(schema.safeParse('2026-12-08').success).toBe(true);
		expect(schema.safeParse('2026-12-17').success).toBe(true);
		expect(issue('2026-12-07')).toBe('past');
		expect(issue('2026-12-18')).toBe('far');
		expect(issue('2026-13-01')).toBe('bad');
		expect(issue('next week')).toBe('bad');
	});
});
