// People never read a raw database value like ACTIONED: every value of every enum in the schema has a
// label in every language. A new enum fails the type check below until it has a labeller, and a new
// value fails the test until it has a message.
import { afterAll, describe, expect, it } from 'vitest';
import { baseLocale, locales, overwriteGetLocale, type Locale } from '$lib/paraglide/runtime';
import * as enums from '$lib/server/db/generated/enums';
import {
	categoryLabel,
	channelLabel,
	claimPartyLabel,
	claimStatusLabel,
	kindLabel,
	networkStatusLabel,
	ntaTypeLabel,
	organizerRequestStatusLabel,
	reportReasonLabel,
	reportStatusLabel,
	roleLabel,
	statusLabel,
	timeWindowLabel
} from './labels.ts';

const LABELLERS: Record<keyof typeof enums, (value: string) => string> = {
	NtaType: ntaTypeLabel,
	NetworkStatus: networkStatusLabel,
	NetworkRole: roleLabel,
	Channel: channelLabel,
	PostKind: kindLabel,
	PostStatus: statusLabel,
	PostCategory: categoryLabel,
	TimeWindow: (value) => timeWindowLabel(value, null),
	ClaimStatus: claimStatusLabel,
	ClaimParty: claimPartyLabel,
	ReportReason: reportReasonLabel,
	ReportStatus: reportStatusLabel,
	OrganizerRequestStatus: organizerRequestStatusLabel
};

let locale: Locale = baseLocale;
overwriteGetLocale(() => locale);
afterAll(() => overwriteGetLocale(() => baseLocale));

describe.each(locales)('in %s', (language) => {
	it.each(Object.entries(enums))('every %s value has its own label', (name, values) => {
		locale = language;
		const label = LABELLERS[name as keyof typeof enums];
		expect(label, `a labeller for ${name}`).toBeTypeOf('function');
		const labels = Object.values(values as Record<string, string>).map((value) => [value, label(value)]);
		for (const [value, text] of labels) {
			expect(text, `${name}.${value}`).not.toBe(value);
			expect(text?.trim(), `${name}.${value}`).not.toBe('');
		}
	});
});
