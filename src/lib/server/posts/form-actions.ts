// The server half of the post form, shared by "new post" and "edit".
import { fail, type ActionFailure } from '@sveltejs/kit';
import { POST_LANGUAGES, SPOKEN_LANGUAGES } from '$lib/languages';
import { listBoroughsWithNeighborhoods } from '../places/index.ts';
import { errorsOf, type FormErrors } from '../http/form.ts';
import { postSchema, readPostForm, type PostFormValues, type PostInput } from './form.ts';
import type { NetworkChoice, WriteOutcome } from './index.ts';
import type { PrivacyFinding } from './privacy.ts';
import type { PauseNotice } from '../networks/pause.ts';

/** Everything the form needs to show again after a failed submission. */
export interface PostFormFailure {
	values: PostFormValues;
	errors: FormErrors;
	networkChoices?: NetworkChoice[];
	neighborhoodName?: string;
	privacyFindings?: PrivacyFinding[];
	/** The paused networks that would have taken the post, with where else to turn. */
	pauses?: PauseNotice[];
}

export async function loadPostFormOptions() {
	return {
		boroughs: await listBoroughsWithNeighborhoods(),
		spokenLanguages: SPOKEN_LANGUAGES,
		postLanguages: POST_LANGUAGES
	};
}

function failureFor(values: PostFormValues, outcome: Exclude<WriteOutcome, { ok: true }>): PostFormFailure {
	switch (outcome.reason) {
		case 'neighborhood':
			return { values, errors: { neighborhood: 'post_error_neighborhood' } };
		case 'network':
			return {
				values,
				errors: values.network ? { network: 'post_error_network' } : {},
				networkChoices: outcome.choices,
				neighborhoodName: outcome.neighborhoodName
			};
		case 'privacy':
			return { values, errors: {}, privacyFindings: outcome.findings };
		case 'suspended':
			return { values, errors: { network: 'post_error_suspended' } };
		case 'paused':
			return { values, errors: { neighborhood: 'pause_error_post' }, pauses: outcome.pauses };
		case 'outside-networks':
			return { values, errors: { neighborhood: 'intake_error_network' } };
		case 'not-editable':
			return { values, errors: { form: 'post_error_not_editable' } };
		case 'kind-locked':
			return { values, errors: { kind: 'post_error_kind_locked' } };
		case 'quantity-below-taken':
			return { values, errors: { quantity: 'post_error_quantity_below_taken' } };
		case 'neighborhood-locked':
			return { values, errors: { neighborhood: 'post_error_neighborhood_locked' } };
	}
}

/**
 * Validates the posted form and runs the write; a fail() for the form, or the saved post's id. `limit`
 * counts a valid submission against a rate limit before anything is written (a typo does not count).
 */
export async function submitPostForm<Limited extends object = never>(
	request: Request,
	write: (input: PostInput) => Promise<WriteOutcome>,
	limit?: (values: PostFormValues) => Promise<ActionFailure<Limited> | null>
	// Declared so that `'failure' in result` narrows to the failure alone: an inferred union of these
	// literals gives `{ id }` an optional `failure?: undefined`, and the action would seem to return it.
): Promise<{ failure: ActionFailure<PostFormFailure> | ActionFailure<Limited> } | { id: number }> {
	const values = readPostForm(await request.formData());
	const parsed = postSchema.safeParse(values);
	if (!parsed.success) {
		return {
			failure: fail(400, { values, errors: errorsOf(parsed.error, 'post_error_generic') } as PostFormFailure)
		};
	}
	const refused = await limit?.(values);
	if (refused) return { failure: refused };
	const outcome = await write(parsed.data);
	if (outcome.ok) return { id: outcome.id };
	return { failure: fail(400, failureFor(values, outcome)) };
}
