import { describe, expect, it } from 'vitest';
import { nextOccurrences, SERIES_MAX, type Recurrence } from './recurrence.ts';

const series = (rule: Recurrence['rule'], more: Partial<Recurrence> = {}): Recurrence => ({
	rule,
	startsOn: '2026-12-07',
	weekdays: [],
	until: null,
	count: null,
	...more
});

describe('when a repeating request comes back', () => {
	it.each([
		['WEEKLY', {}, ['2026-12-07', '2026-12-14', '2026-12-21']],
		['BIWEEKLY', {}, ['2026-12-07', '2026-12-21', '2027-01-04']],
		['MONTHLY', {}, ['2026-12-07', '2027-01-07', '2027-02-07']],
		// Tuesday and Thursday, from a Monday.
		['WEEKDAYS', { weekdays: [2, 4] }, ['2026-12-08', '2026-12-10', '2026-12-15']]
	] as [Recurrence['rule'], Partial<Recurrence>, string[]][])('%s', (rule, more, expected) => {
		expect(nextOccurrences(series(rule, more), 0, '2027-12-31').days.slice(0, 3)).toEqual(expected);
	});

	it('keeps a monthly series on the last day of shorter months', () => {
		const { days } = nextOccurrences(
			series('MONTHLY', { startsOn: '2027-01-31', count: 3 }),
			0,
			'2027-12-31'
		);
		expect(days).toEqual(['2027-01-31', '2027-02-28', '2027-03-31']);
	});

	it('stops at its count or its last day, and says when nothing is left', () => {
		expect(nextOccurrences(series('WEEKLY', { count: 8 }), 0, '2027-12-31')).toMatchObject({
			finished: true
		});
		expect(nextOccurrences(series('WEEKLY', { count: 8 }), 0, '2027-12-31').days).toHaveLength(8);
		const until = nextOccurrences(series('WEEKLY', { until: '2026-12-21' }), 0, '2027-12-31');
		expect(until).toEqual({ days: ['2026-12-07', '2026-12-14', '2026-12-21'], finished: true });
	});

	it('creates only up to the horizon, and picks up after those already made', () => {
		const first = nextOccurrences(series('WEEKLY', { count: 8 }), 0, '2026-12-31');
		expect(first).toEqual({
			days: ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28'],
			finished: false
		});
		const rest = nextOccurrences(series('WEEKLY', { count: 8 }), 4, '2027-12-31');
		expect(rest.days).toEqual(['2027-01-04', '2027-01-11', '2027-01-18', '2027-01-25']);
	});

	it('never makes more than SERIES_MAX, whatever the end date or count', () => {
		expect(
			nextOccurrences(series('WEEKDAYS', { weekdays: [0, 1, 2, 3, 4, 5, 6] }), 0, '2030-01-01').days
		).toHaveLength(SERIES_MAX);
		expect(nextOccurrences(series('WEEKLY', { count: 500 }), 0, '2030-01-01').days).toHaveLength(SERIES_MAX);
	});
});
