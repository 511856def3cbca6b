// The new-post and edit forms: parsing and validation at the action boundary.
import { z } from 'zod';
import { CATEGORIES, DETAILS_MAX, POST_KINDS, TIME_WINDOWS, TITLE_MAX } from '$lib/posts';
import { SPOKEN_LANGUAGES } from '../accounts/profile.ts';

const spokenCodes = SPOKEN_LANGUAGES.map((l) => l.code) as [string, ...string[]];
const today = () => new Date().toISOString().slice(0, 10);

/** Error messages are message keys, translated where the form is shown. */
export const postSchema = z
	.object({
		kind: z.enum(POST_KINDS, 'post_error_kind'),
		title: z.string().trim().min(3, 'post_error_title_short').max(TITLE_MAX, 'post_error_title_long'),
		details: z
			.string()
			.transform((text) => text.replace(/\r\n/g, '\n').trim())
			.pipe(z.string().max(DETAILS_MAX, 'post_error_details_long')),
		category: z.enum(CATEGORIES, 'post_error_category'),
		neighborhood: z.string().trim().min(1, 'post_error_neighborhood'),
		network: z
			.string()
			.trim()
			.transform((value) => (value ? Number(value) : null))
			.pipe(z.number().int().positive().nullable()),
		timeWindow: z.enum(TIME_WINDOWS, 'post_error_time_window'),
		neededBy: z.string().trim(),
		quantity: z.string().trim(),
		ongoing: z.boolean(),
		languages: z.array(z.enum(spokenCodes)),
		publishAnyway: z.boolean()
	})
	.superRefine((post, ctx) => {
		if (post.timeWindow === 'BY_DATE') {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(post.neededBy)) {
				ctx.addIssue({ code: 'custom', path: ['neededBy'], message: 'post_error_needed_by' });
			} else if (post.neededBy < today()) {
				ctx.addIssue({ code: 'custom', path: ['neededBy'], message: 'post_error_needed_by_past' });
			}
		}
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
		ongoing: post.kind === 'OFFER' && post.ongoing
	}));

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
		publishAnyway: form.get('publishAnyway') === 'yes'
	};
}

export type PostFormValues = ReturnType<typeof readPostForm>;

export function fieldErrors(error: z.ZodError): Record<string, string> {
	const errors: Record<string, string> = {};
	for (const issue of error.issues) {
		const field = String(issue.path[0] ?? 'form');
		errors[field] ??= issue.message.startsWith('post_error_') ? issue.message : 'post_error_generic';
	}
	return errors;
}
