// Translated labels for the board's fixed vocabularies, looked up by value.
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { intlLocales } from '$lib/i18n/locales';
import {
	BOARD_SORTS,
	CATEGORIES,
	POST_KINDS,
	POST_STATUSES,
	REPEAT_RULES,
	REPORT_REASONS,
	TIME_WINDOWS,
	type TimeWindow
} from '$lib/posts';
import type { ClaimProblem } from '$lib/server/claims/lifecycle';
import type { RequestEventKind } from '$lib/server/households/requests';
import type {
	Channel,
	ClaimStatus,
	InvitationStatus,
	HouseholdRequestStatus,
	NetworkRole,
	NetworkStatus,
	ReportStatus
} from '$lib/server/db/generated/enums';
import type { AuditAction } from '$lib/server/moderation/audit';

// Spelled out here because the server's lists cannot be imported into the browser; `satisfies` keeps
// each entry a real value, and enum-labels.test.ts that no value of a database enum is missing.
const CLAIM_STATUSES = [
	'PENDING',
	'ACCEPTED',
	'DECLINED',
	'WITHDRAWN',
	'RELEASED',
	'EXPIRED',
	'COMPLETED'
] as const satisfies readonly ClaimStatus[];
const REPORT_STATUSES = ['OPEN', 'DISMISSED', 'ACTIONED'] as const satisfies readonly ReportStatus[];
/** The ways a person may choose to be told things; push goes to devices beside either. */
export const CHANNELS = ['MAIL', 'SMS'] as const satisfies readonly Channel[];
const ALL_CHANNELS = [...CHANNELS, 'PUSH'] as const satisfies readonly Channel[];
const HOUSEHOLD_STATUSES = [
	'OPEN',
	'DELIVERED',
	'TIMED_OUT'
] as const satisfies readonly HouseholdRequestStatus[];
const HOUSEHOLD_EVENTS = [
	'opened',
	'delivered',
	'not-in-stock',
	'warned',
	'timed-out',
	'no-show',
	'merged'
] as const satisfies readonly RequestEventKind[];
const NETWORK_ROLES = ['ORGANIZER', 'MODERATOR'] as const satisfies readonly NetworkRole[];
const NETWORK_STATUSES = ['LISTED', 'VERIFIED'] as const satisfies readonly NetworkStatus[];
export const INVITATION_STATUSES = [
	'QUEUED',
	'INVITED',
	'CONFIRMED',
	'DECLINED',
	'NO_ANSWER',
	'CHECKED_IN',
	'NO_SHOW'
] as const satisfies readonly InvitationStatus[];
// Written to the moderation log as text by moderation, organizer and network code.
const LOGGED_ACTIONS = [
	'approve',
	'hide',
	'restore',
	'close',
	'dismiss',
	'handoff',
	'lock',
	'unlock',
	'suspend',
	'intake',
	'take_in_offer',
	'relay_accept',
	'relay_decline',
	'relay_message',
	'relay_release',
	'relay_complete',
	'relay_not_done',
	'verify',
	'reject_organizer',
	'edit_profile',
	'invite_moderator',
	'deactivate',
	'reactivate',
	'pause',
	'resume',
	'limits',
	'edit'
] as const satisfies readonly AuditAction[];

type Messages = typeof m;
/**
 * The key of every message that needs no inputs. Labels are built as `category_${Category}` and so on,
 * so a value without a message, or a mistyped key in server code, fails the type check.
 */
export type MessageKey = {
	[K in keyof Messages]: object extends NonNullable<Parameters<Messages[K]>[0]> ? K : never;
}[keyof Messages];

const message = (key: MessageKey): string => m[key]();

/**
 * The label of one of `values`, checked against the messages: a value without one fails the type check.
 * Values read back from the database are text no type vouches for, so an unknown one shows as stored.
 */
function labelsFor<V extends string>(values: readonly V[], key: (value: V) => MessageKey) {
	const known = new Set<string>(values);
	return (value: V | (string & {})) => (known.has(value) ? message(key(value as V)) : value);
}

export const categoryLabel = labelsFor(CATEGORIES, (category) => `category_${category}`);
export const kindLabel = labelsFor(POST_KINDS, (kind) => `kind_${kind}`);
export const kindPluralLabel = labelsFor(POST_KINDS, (kind) => `kind_${kind}_plural`);
export const statusLabel = labelsFor(POST_STATUSES, (status) => `status_${status}`);
export const sortLabel = labelsFor(BOARD_SORTS, (sort) => `sort_${sort}`);
export const reportReasonLabel = labelsFor(REPORT_REASONS, (reason) => `report_reason_${reason}`);
const timeWindowText = labelsFor(TIME_WINDOWS, (timeWindow) => `window_${timeWindow}`);
export const repeatRuleLabel = labelsFor(REPEAT_RULES, (rule) => `series_rule_${rule}`);
export const claimStatusLabel = labelsFor(CLAIM_STATUSES, (status) => `claim_status_${status}`);
export const invitationStatusLabel = labelsFor(
	INVITATION_STATUSES,
	(status) => `distribution_status_${status}`
);
export const claimErrorMessage = (problem: ClaimProblem) => message(`claim_error_${problem}`);
export const loggedActionLabel = labelsFor(LOGGED_ACTIONS, (action) => `moderate_action_${action}`);
export const reportStatusLabel = labelsFor(REPORT_STATUSES, (status) => `report_status_${status}`);
export const channelLabel = labelsFor(ALL_CHANNELS, (channel) => `channel_${channel}`);
export const householdStatusLabel = labelsFor(HOUSEHOLD_STATUSES, (status) => `household_status_${status}`);
export const householdEventLabel = labelsFor(
	HOUSEHOLD_EVENTS,
	(kind) => `household_event_${kind.replaceAll('-', '_') as 'opened'}`
);
export const roleLabel = labelsFor(NETWORK_ROLES, (role) => `role_${role}`);
export const networkStatusLabel = labelsFor(NETWORK_STATUSES, (status) =>
	status === 'VERIFIED' ? 'network_verified' : 'network_unverified'
);

/** Error messages from forms are message keys. */
export const errorMessage = (key: MessageKey | undefined) => (key ? message(key) : undefined);

// Building an Intl formatter costs far more than formatting with one, and a board page formats every
// date on it: one formatter per language and options, kept for the life of the process.
type Formatter =
	Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat | Intl.DisplayNames | Intl.ListFormat;
const formatters = new Map<string, Formatter>();
function cachedFormatter<F extends Formatter>(key: string, make: () => F): F {
	let formatter = formatters.get(key);
	if (!formatter) formatters.set(key, (formatter = make()));
	return formatter as F;
}

export function formatDate(
	date: Date | string,
	options: Intl.DateTimeFormatOptions = { dateStyle: 'medium' }
) {
	const locale = getLocale();
	const format = cachedFormatter(
		`date ${locale} ${JSON.stringify(options)}`,
		() => new Intl.DateTimeFormat(intlLocales(locale), { timeZone: 'UTC', ...options })
	);
	return format.format(new Date(date));
}

/** A weekday's name, 0 being Sunday (4 January 2026 was one). */
export const weekdayName = (day: number, width: 'long' | 'short' = 'long') =>
	formatDate(`2026-01-${String(4 + day).padStart(2, '0')}`, { weekday: width });

/** The weekdays a series comes back on, as the reader lists things: "Tuesday and Thursday". */
export function weekdayList(days: readonly number[]) {
	const locale = getLocale();
	const list = cachedFormatter(
		`list ${locale}`,
		() => new Intl.ListFormat(intlLocales(locale), { type: 'conjunction' })
	);
	return list.format(days.map((day) => weekdayName(day)));
}

/** The day of one occurrence of a repeating request, as its title's suffix: "Mon, Dec 7". */
export const occurrenceDate = (date: Date | string) =>
	formatDate(date, { weekday: 'short', month: 'short', day: 'numeric' });

/** A number as the reader writes it (১,২৩৪ in Bengali, 1 234 in French). */
export function formatNumber(value: number, options: Intl.NumberFormatOptions = {}) {
	const locale = getLocale();
	const format = cachedFormatter(
		`number ${locale} ${JSON.stringify(options)}`,
		() => new Intl.NumberFormat(intlLocales(locale), options)
	);
	return format.format(value);
}

export function timeWindowLabel(timeWindow: TimeWindow | (string & {}), neededBy: Date | string | null) {
	if (timeWindow === 'BY_DATE' && neededBy) return m.window_by({ date: formatDate(neededBy) });
	return timeWindowText(timeWindow);
}

/** "3 days ago", in the reader's language. */
export function ago(date: Date | string, now = new Date()) {
	const seconds = (new Date(date).getTime() - now.getTime()) / 1000;
	const locale = getLocale();
	const format = cachedFormatter(
		`relative ${locale}`,
		() => new Intl.RelativeTimeFormat(intlLocales(locale), { numeric: 'auto' })
	);
	const units: [Intl.RelativeTimeFormatUnit, number][] = [
		['day', 86_400],
		['hour', 3_600],
		['minute', 60]
	];
	for (const [unit, size] of units) {
		if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
	}
	return format.format(0, 'minute');
}

/** "Bengali and English": languages named in the reader's language, for who speaks what. */
export function spokenLanguageList(codes: readonly string[]) {
	const locale = getLocale();
	const names = cachedFormatter(
		`languages ${locale}`,
		() => new Intl.DisplayNames(intlLocales(locale), { type: 'language', fallback: 'code' })
	);
	const list = cachedFormatter(
		`list ${locale}`,
		() => new Intl.ListFormat(intlLocales(locale), { type: 'conjunction' })
	);
	return list.format(codes.map((code) => names.of(code) ?? code));
}
