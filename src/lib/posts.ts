// The board's fixed vocabularies, shared by server and pages (which cannot import the generated
// Prisma client; posts.test.ts keeps each list equal to its enum). Labels live in messages/*.json.
export const POST_KINDS = ['NEED', 'OFFER'] as const;
export type PostKind = (typeof POST_KINDS)[number];

export const CATEGORIES = [
	'GROCERIES',
	'MEALS',
	'HOUSEHOLD',
	'CLOTHING',
	'BABY_KIDS',
	'RIDES',
	'ERRANDS',
	'PHARMACY',
	'CHILDCARE',
	'ELDER_CHECKINS',
	'PET_CARE',
	'HOUSING_INFO',
	'TECH_HELP',
	'LANGUAGE_HELP',
	'PAPERWORK',
	'MOVING',
	'REPAIRS',
	'COMPANIONSHIP',
	'OTHER'
] as const;
export type Category = (typeof CATEGORIES)[number];

export const TIME_WINDOWS = ['TODAY', 'THIS_WEEK', 'THIS_MONTH', 'FLEXIBLE', 'BY_DATE'] as const;
export type TimeWindow = (typeof TIME_WINDOWS)[number];

export const BOARD_SORTS = ['newest', 'soonest', 'longest'] as const;
export type BoardSort = (typeof BOARD_SORTS)[number];

export const POST_STATUSES = [
	'OPEN',
	'CLAIMED',
	'WITHDRAWN',
	'EXPIRED',
	'FULFILLED',
	'HIDDEN',
	'HELD',
	'QUEUED'
] as const;
export type PostStatus = (typeof POST_STATUSES)[number];

export const TITLE_MAX = 120;
export const DETAILS_MAX = 2000;

export const REPORT_REASONS = ['SPAM', 'SCAM', 'UNSAFE', 'DISCRIMINATORY', 'PERSONAL_INFO', 'OTHER'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** How a repeating request comes back (the RepeatRule enum; posts.test.ts keeps them equal). */
export const REPEAT_RULES = ['WEEKLY', 'BIWEEKLY', 'MONTHLY', 'WEEKDAYS'] as const;
export type RepeatRule = (typeof REPEAT_RULES)[number];
