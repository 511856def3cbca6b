import { redirect } from '@sveltejs/kit';
import { getProfile } from '$lib/server/accounts/profile';
import { authorize, requireUser } from '$lib/server/guard';
import { createPost } from '$lib/server/posts';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import type { Actions, PageServerLoad } from './$types';

const SITE = { type: 'site' } as const;

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const user = await authorize(event, 'post:create', SITE);
	const profile = await getProfile(user.id);
	return {
		...(await loadPostFormOptions()),
		values: {
			kind: event.url.searchParams.get('kind') === 'OFFER' ? 'OFFER' : 'NEED',
			title: '',
			details: '',
			category: '',
			neighborhood: event.url.searchParams.get('neighborhood') ?? profile.homeNeighborhood,
			network: '',
			timeWindow: 'THIS_WEEK',
			neededBy: '',
			quantity: '1',
			ongoing: false,
			languages: profile.languages
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		await requireUser(event);
		const user = await authorize(event, 'post:create', SITE);
		const result = await submitPostForm(
			event.request,
			(input) => createPost(user.id, input),
			(values) => refuseIfLimited(event, 'post', user.id, { values })
		);
		if ('failure' in result) return result.failure;
		redirect(303, `/posts/${result.id}?done=saved`);
	}
};
