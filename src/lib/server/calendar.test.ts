import { describe, expect, it } from 'vitest';
import { dateInNewYork, futureDate, instantInNewYork, nextDay, startOfDayInNewYork } from './calendar.ts';

describe('days in New York', () => {
	it('start at local midnight, in winter and in summer time', () => {
		expect(startOfDayInNewYork('2026-12-07').toISOString()).toBe('2026-12-07T05:00:00.000Z');
		expect(startOfDayInNewYork('2026-07-04').toISOString()).toBe('2026-07-04T04:00:00.000Z');
		// The day the clocks go back still begins in daylight time.
		expect(startOfDayInNewYork('2026-11-01').toISOString()).toBe('2026-11-01T04:00:00.000Z');
		// And the day they go forward begins in standard time.
		expect(startOfDayInNewYork('2026-03-08').toISOString()).toBe('2026-03-08T05:00:00.000Z');
	});

	it('have their hours as New York’s clocks show them, on the days the clocks change too', () => {
		const at = (date: string, time: string) => instantInNewYork(date, time).toISOString();
		expect(at('2027-03-14', '10:00')).toBe('2027-03-14T14:00:00.000Z');
		expect(at('2027-03-14', '01:30')).toBe('2027-03-14T06:30:00.000Z');
		// 2:30 does not exist that night: a clock set forward reads 3:30.
		expect(at('2027-03-14', '02:30')).toBe('2027-03-14T07:30:00.000Z');
		expect(at('2027-11-07', '10:00')).toBe('2027-11-07T15:00:00.000Z');
		// 1:30 happens twice that night: the first, in daylight time.
		expect(at('2027-11-07', '01:30')).toBe('2027-11-07T05:30:00.000Z');
		expect(at('2027-11-08', '23:59')).toBe('2027-11-09T04:59:00.000Z');
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
