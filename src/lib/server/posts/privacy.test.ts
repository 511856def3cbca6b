import { describe, expect, it } from 'vitest';
import { findPrivateDetails } from './privacy.ts';

describe('findPrivateDetails', () => {
	it.each([
		['Call me at (718) 555-0142 after 6', ['phone']],
		['text 718.555.0142', ['phone']],
		['my number is +1 347 555 0199', ['phone']],
		['write to rosa.p+aid@example.org', ['email']],
		['Pick up at 585 Woodward Ave, buzz twice', ['address']],
		['I live at 1882 Woodbine St.', ['address']],
		['Come to 136-23 Sanford Avenue', ['address']],
		['Apt 4B, ring the bell', ['address']],
		['Call 718-555-0142 or come to 12 Main Street', ['phone', 'address']]
	])('%j → %j', (text, findings) => {
		expect(findPrivateDetails(text)).toEqual(findings);
	});

	it.each([
		'Groceries for my mother this week',
		'I have 2 strollers and 3 bags of baby clothes',
		'Rides to appointments on Tuesdays, 10am to 2pm',
		'Need help with 2 flights of stairs on Saturday',
		'Can deliver to anywhere in Bushwick, 5 days a week',
		'Offering 20 minutes of tech help'
	])('lets ordinary text through: %j', (text) => {
		expect(findPrivateDetails(text)).toEqual([]);
	});
});
