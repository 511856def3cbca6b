import { error, fail } from '@sveltejs/kit';
import { CATEGORIES } from '$lib/posts';
import { can } from '$lib/policies';
import { publicOrigin } from '$lib/server/config';
import { authorizeIntakeDraft } from '$lib/server/guard';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import { parseForm, schemaValues, type FormErrors, type FormValues } from '$lib/server/http/form';
import { intakeSchema, rosterSchema } from '$lib/server/moderation/schemas';
import { discardDraft, draftToRoster, householdOfDraft, postDraft } from '$lib/server/moderation/text-intake';
import { pauseNoticesOf } from '$lib/server/networks/pause';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import { db } from '$lib/server/db';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Actions, PageServerLoad } from './$types';

const nameSchema = intakeSchema.pick({ intakeName: true });

// The roster form's values under their own name: `values` is the post form's, which the page fills from.
const refuseRoster = (rosterValues: FormValues, errors: FormErrors) =>
	fail(400, { form: 'roster' as const, rosterValues, errors });

export const load: PageServerLoad = async (event) => {
	const { user, draft } = await authorizeIntakeDraft(event, Number(event.params.id));
	const network = await db.network.findUniqueOrThrow({
		where: { id: draft.networkId },
		select: { id: true, name: true, slug: true }
	});
	const keepsRoster = can(user, 'network:households', { type: 'network', id: network.id });
	return {
		...(await loadPostFormOptions()),
		draft: { id: draft.id, phone: draft.phone, body: draft.body, createdAt: draft.createdAt },
		// Whether it may go onto the household roster instead, and whose number it is there already.
		roster: keepsRoster
			? { categories: CATEGORIES, household: await householdOfDraft(draft), slug: network.slug }
			: null,
		// It is posted in the network it was texted to, so that is the only one offered.
		networks: [network],
		pauses: await pauseNoticesOf([network.id]),
		values: {
			kind: 'NEED',
			title: '',
			details: draft.body,
			category: '',
			neighborhood: '',
			network: String(network.id),
			timeWindow: 'THIS_WEEK',
			neededBy: '',
			quantity: '1',
			ongoing: false,
			languages: [],
			language: draft.language
		}
	};
};

export const actions: Actions = {
	post: async (event) => {
		const { user, draft } = await authorizeIntakeDraft(event, Number(event.params.id));
		const parsed = parseForm(nameSchema, await event.request.clone().formData());
		if (!('data' in parsed)) {
			return fail(400, { intakeError: true, intakeName: String(parsed.values.intakeName ?? '') });
		}
		const name = parsed.data.intakeName;
		const result = await submitPostForm(
			event.request,
			(input) => postDraft(user, draft.id, input, name, publicOrigin()),
			(values) => refuseIfLimited(event, 'intake', user.id, { values, intakeName: name })
		);
		if ('failure' in result) return result.failure;
		redirectWithFlash(event, `/posts/${result.id}`, 'post_saved');
	},
	roster: async (event) => {
		const { draft } = await authorizeIntakeDraft(event, Number(event.params.id), 'network:households');
		const posted = await event.request.formData();
		const parsed = parseForm(rosterSchema, posted);
		if (!('data' in parsed)) return refuseRoster(parsed.values, parsed.errors);
		const outcome = await draftToRoster(draft.id, parsed.data.category, parsed.data.name);
		if (!outcome.ok && outcome.reason === 'gone') error(404, 'Not found');
		if (!outcome.ok)
			return refuseRoster(schemaValues(rosterSchema, posted), { name: 'household_error_name' });
		redirectWithFlash(
			event,
			`/moderate/networks/${outcome.networkSlug}/households/${outcome.householdId}`,
			'household_request_opened'
		);
	},
	discard: async (event) => {
		const { draft } = await authorizeIntakeDraft(event, Number(event.params.id));
		const unconfirmed = unlessConfirmed('discard', await event.request.formData());
		if (unconfirmed) return unconfirmed;
		await discardDraft(draft.id);
		redirectWithFlash(event, '/moderate/intake', 'intake_text_discarded');
	}
};
