import { fail, redirect } from '@sveltejs/kit';
import { requireUser } from '$lib/server/guard';
import { recordIntake } from '$lib/server/moderation';
import { myModeratedNetworks } from '$lib/server/moderation/access';
import { createPost } from '$lib/server/posts';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { networks } = await myModeratedNetworks(event);
	return {
		...(await loadPostFormOptions()),
		networks,
		values: {
			kind: 'NEED',
			title: '',
			details: '',
			category: '',
			neighborhood: '',
			network: String(networks[0]?.id ?? ''),
			timeWindow: 'THIS_WEEK',
			neededBy: '',
			quantity: '1',
			ongoing: false,
			languages: []
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = await requireUser(event);
		const { networks } = await myModeratedNetworks(event);
		const form = await event.request.clone().formData();
		const intake = {
			name: String(form.get('intakeName') ?? '').trim(),
			contact: String(form.get('intakeContact') ?? '').trim()
		};
		const networkId = Number(form.get('network'));
		if (!intake.name || !intake.contact || !networks.some((n) => n.id === networkId)) {
			return fail(400, { intakeError: true, intake });
		}
		// The moderator is the post's author and relays replies; the neighbor's details stay in intake fields.
		const result = await submitPostForm(
			event.request,
			(input) => createPost(user.id, input, new Date(), intake),
			(values) => refuseIfLimited(event, 'intake', user.id, { values, intake })
		);
		if ('failure' in result) return result.failure;
		await recordIntake(user.id, networkId, result.id);
		redirect(303, `/posts/${result.id}?done=saved`);
	}
};
