// People never read a raw database value like ACTIONED: every value of every enum the pages show has a
// label in every language. A new enum fails the type check below until it has a labeller or is marked
// never shown, and a new value fails the test until it has a message.
import { afterAll, describe, expect, it } from 'vitest';
import { baseLocale, locales, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import * as enums from '$lib/server/db/generated/enums';
import {
	categoryLabel,
	channelLabel,
	claimStatusLabel,
	invitationStatusLabel,
	householdStatusLabel,
	kindLabel,
	networkStatusLabel,
	repeatRuleLabel,
	reportReasonLabel,
	reportStatusLabel,
	roleLabel,
	statusLabel,
	timeWindowLabel
} from './labels.ts';

// Enums no page shows (they steer code, or pages show something derived from them) need no labels.
const NEVER_SHOWN = 'never shown';

const LABELLERS: Record<keyof typeof enums, ((value: string) => string) | typeof NEVER_SHOWN> = {
	NtaType: NEVER_SHOWN,
	NetworkStatus: networkStatusLabel,
	NetworkRole: roleLabel,
	Channel: channelLabel,
	PostKind: kindLabel,
	PostStatus: statusLabel,
	PostCategory: categoryLabel,
	TimeWindow: (value) => timeWindowLabel(value, null),
	RepeatRule: repeatRuleLabel,
	ClaimStatus: claimStatusLabel,
	ClaimParty: NEVER_SHOWN,
	ReportReason: reportReasonLabel,
	ReportStatus: reportStatusLabel,
	OrganizerRequestStatus: NEVER_SHOWN,
	HouseholdRequestStatus: householdStatusLabel,
	InvitationStatus: invitationStatusLabel
};

let locale: Locale = baseLocale;
overwriteGetLocale(() => locale);
afterAll(() => overwriteGetLocale(() => baseLocale));

describe.each(locales)('in %s', (language) => {
	const shown = Object.entries(enums).filter(
		([name]) => LABELLERS[name as keyof typeof enums] !== NEVER_SHOWN
	);
	it.each(shown)('every %s value has its own label', (name, values) => {
		locale = language;
		const label = LABELLERS[name as keyof typeof enums];
		if (label === NEVER_SHOWN) throw new Error(`${name} is never shown`);
		const labels = Object.values(values as Record<string, string>).map((value) => [value, label(value)]);
		for (const [value, text] of labels) {
			expect(text, `${name}.${value}`).not.toBe(value);
			expect(text?.trim(), `${name}.${value}`).not.toBe('');
		}
	});
});
