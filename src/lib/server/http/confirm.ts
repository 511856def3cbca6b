// A destructive action (suspending someone, hiding a post, removing a role) takes two steps, and the
// second works without JavaScript: the first submit is refused with `confirm` and the person's input,
// the page asks "Suspend X from Y?" with Confirm and Cancel (Confirm.svelte), and Confirm posts the same
// fields again with `confirmed=yes`. The action itself refuses without it, so neither a stale page, a
// double tap nor a forged post skips the question.
import { fail } from '@sveltejs/kit';
import { formValues } from './form.ts';

export const CONFIRMED_FIELD = 'confirmed';

/** Null when the form carries the confirmation; otherwise the refusal that asks for it. */
export function unlessConfirmed(form: string, posted: FormData) {
	if (posted.get(CONFIRMED_FIELD) === 'yes') return null;
	return fail(400, { form, confirm: true as const, values: formValues(posted) });
}
