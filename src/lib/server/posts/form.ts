// The new-post and edit forms: parsing and validation at the action boundary.
import { z } from 'zod';
import { CATEGORIES, DETAILS_MAX, POST_KINDS, TIME_WINDOWS, TITLE_MAX } from '$lib/posts';
import { POST_LANGUAGE_CODES, SPOKEN_LANGUAGE_CODES } from '$lib/languages';
import { getLocale } from '$lib/paraglide/runtime';
import { line, optionalId, paragraph, slug } from '../http/fields.ts';
import { dateInNewYork } from '../calendar.ts';
import { REPEAT_RULES, SERIES_MAX, SERIES_SPAN_DAYS } from './recurrence.ts';

const today = () => new Date().toISOString().slice(0, 10);

/** Error messages are message keys, translated where the form is shown. */
export const postSchema = z
	.object({
		kind: z.enum(POST_KINDS, 'post_error_kind'),
		title: line(TITLE_MAX, 'post_error_title_long').pipe(z.string().min(3, 'post_error_title_short')),
		details: paragraph(DETAILS_MAX, 'post_error_details_long'),
		category: z.enum(CATEGORIES, 'post_error_category'),
		neighborhood: slug('post_error_neighborhood'),
		network: optionalId('post_error_network'),
		timeWindow: z.enum(TIME_WINDOWS, 'post_error_time_window'),
		neededBy: line(10, 'post_error_needed_by'),
		quantity: line(10, 'post_error_quantity'),
		ongoing: z.boolean(),
		languages: z.array(z.enum(SPOKEN_LANGUAGE_CODES)),
		language: z.enum(POST_LANGUAGE_CODES, 'post_error_language'),
		publishAnyway: z.boolean(),
		// Optional: a request that comes back. Empty repeat is a one-off post.
		repeat: z.enum(['', ...REPEAT_RULES], 'series_error_rule'),
		repeatStart: line(10, 'series_error_start'),
		repeatWeekdays: z.array(z.enum(['0', '1', '2', '3', '4', '5', '6'], 'series_error_weekdays')),
		repeatEnd: z.enum(['until', 'count'], 'series_error_end'),
		repeatUntil: line(10, 'series_error_until'),
		repeatCount: line(10, 'series_error_count')
	})
	.superRefine((post, ctx) => {
		if (post.timeWindow === 'BY_DATE') {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(post.neededBy) || Number.isNaN(Date.parse(post.neededBy))) {
				ctx.addIssue({ code: 'custom', path: ['neededBy'], message: 'post_error_needed_by' });
			} else if (post.neededBy < today()) {
				ctx.addIssue({ code: 'custom', path: ['neededBy'], message: 'post_error_needed_by_past' });
			}
		}
		if (post.repeat) checkRepeat(post, ctx);
		if (post.kind === 'OFFER' && !post.ongoing) {
			const quantity = Number(post.quantity || '1');
			if (!Number.isInteger(quantity) || quantity < 1 || quantity > 999) {
				ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'post_error_quantity' });
			}
		}
	})
	.transform((post) => ({
		...post,
		neededBy: post.timeWindow === 'BY_DATE' ? new Date(`${post.neededBy}T00:00:00Z`) : null,
		quantity: post.kind === 'OFFER' && !post.ongoing ? Number(post.quantity || '1') : null,
		ongoing: post.kind === 'OFFER' && post.ongoing,
		repeat: post.repeat
			? {
					rule: post.repeat,
					startsOn: post.repeatStart,
					weekdays: post.repeat === 'WEEKDAYS' ? post.repeatWeekdays.map(Number).sort() : [],
					until: post.repeatEnd === 'until' ? post.repeatUntil : null,
					count: post.repeatEnd === 'count' ? Number(post.repeatCount) : null
				}
			: null
	}));

const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
const DAY_MS = 24 * 60 * 60 * 1000;

/** The repeat fieldset: a first day from today on, weekdays when asked for, and an end within reach. */
function checkRepeat(
	post: {
		repeat: string;
		repeatStart: string;
		repeatWeekdays: string[];
		repeatEnd: string;
		repeatUntil: string;
		repeatCount: string;
	},
	ctx: z.RefinementCtx
) {
	const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
	// Days in New York, as the series counts them (posts/series.ts).
	const firstPossible = dateInNewYork(new Date());
	if (!isDate(post.repeatStart)) issue('repeatStart', 'series_error_start');
	else if (post.repeatStart < firstPossible) issue('repeatStart', 'series_error_start_past');
	if (post.repeat === 'WEEKDAYS' && !post.repeatWeekdays.length)
		issue('repeatWeekdays', 'series_error_weekdays');
	if (post.repeatEnd === 'count') {
		const count = Number(post.repeatCount);
		if (!Number.isInteger(count) || count < 2 || count > SERIES_MAX)
			issue('repeatCount', 'series_error_count');
	} else if (
		!isDate(post.repeatUntil) ||
		(isDate(post.repeatStart) && post.repeatUntil <= post.repeatStart)
	) {
		issue('repeatUntil', 'series_error_until');
	} else if (Date.parse(post.repeatUntil) - Date.parse(firstPossible) > SERIES_SPAN_DAYS * DAY_MS) {
		issue('repeatUntil', 'series_error_until_far');
	}
}

export type PostInput = z.output<typeof postSchema>;

export function readPostForm(form: FormData) {
	const text = (name: string) => String(form.get(name) ?? '');
	return {
		kind: text('kind'),
		title: text('title'),
		details: text('details'),
		category: text('category'),
		neighborhood: text('neighborhood'),
		network: text('network'),
		timeWindow: text('timeWindow'),
		neededBy: text('neededBy'),
		quantity: text('quantity'),
		ongoing: form.get('ongoing') === 'on',
		languages: form.getAll('languages').map(String),
		// A form without the field (an older page, a script) was written in the poster's interface language.
		language: text('language') || getLocale(),
		publishAnyway: form.get('publishAnyway') === 'yes',
		repeat: text('repeat'),
		repeatStart: text('repeatStart'),
		repeatWeekdays: form.getAll('repeatWeekdays').map(String),
		// A form without the fieldset (the edit form, a script) ends by a number of times if asked at all.
		repeatEnd: text('repeatEnd') || 'count',
		repeatUntil: text('repeatUntil'),
		repeatCount: text('repeatCount')
	};
}

export type PostFormValues = ReturnType<typeof readPostForm>;
