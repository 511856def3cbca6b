import { fail } from '@sveltejs/kit';
import { publicOrigin } from '$lib/server/config';
import { authorizeIntakeDraft } from '$lib/server/guard';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import { parseForm } from '$lib/server/http/form';
import { intakeSchema } from '$lib/server/moderation/schemas';
import { discardDraft, postDraft } from '$lib/server/moderation/text-intake';
import { pauseNoticesOf } from '$lib/server/networks/pause';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import { db } from '$lib/server/db';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Actions, PageServerLoad } from './$types';

const nameSchema = intakeSchema.pick({ intakeName: true });

export const load: PageServerLoad = async (event) => {
	const { draft } = await authorizeIntakeDraft(event, Number(event.params.id));
	const network = await db.network.findUniqueOrThrow({
		where: { id: draft.networkId },
		select: { id: true, name: true, slug: true }
	});
	return {
		...(await loadPostFormOptions()),
		draft: { id: draft.id, phone: draft.phone, body: draft.body, createdAt: draft.createdAt },
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
	discard: async (event) => {
		const { draft } = await authorizeIntakeDraft(event, Number(event.params.id));
		const unconfirmed = unlessConfirmed('discard', await event.request.formData());
		if (unconfirmed) return unconfirmed;
		await discardDraft(draft.id);
		redirectWithFlash(event, '/moderate/intake', 'intake_text_discarded');
	}
};
