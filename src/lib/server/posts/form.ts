// The new-post and edit forms: parsing and validation at the action boundary.
import { z } from 'zod';
import { CATEGORIES, DETAILS_MAX, POST_KINDS, TIME_WINDOWS, TITLE_MAX } from '$lib/posts';
import { POST_LANGUAGE_CODES, SPOKEN_LANGUAGE_CODES } from '$lib/languages';
import { getLocale } from '$lib/paraglide/runtime';
import { line, optionalId, paragraph, slug } from '../http/fields.ts';

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
		publishAnyway: z.boolean()
	})
	.superRefine((post, ctx) => {
		if (post.timeWindow === 'BY_DATE') {
			if (!/^\d{4}-\d{2}-\d{2}$/.test(post.neededBy) || Number.isNaN(Date.parse(post.neededBy))) {
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
		// A form without the field (an older page, a script) was written in the poster's interface language.
		language: text('language') || getLocale(),
		publishAnyway: form.get('publishAnyway') === 'yes'
	};
}

export type PostFormValues = ReturnType<typeof readPostForm>;
