import { getLocale } from '$lib/paraglide/runtime';
import { getProfile } from '$lib/server/accounts/profile';
import { authorizeNewPost } from '$lib/server/guard';
import { createPost, pausesBeforePosting } from '$lib/server/posts';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import { redirectWithFlash } from '$lib/server/http/flash';
import { clientKeyOf } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await authorizeNewPost(event);
	const profile = await getProfile(user.id);
	// A network's page links here with itself chosen; routing still decides whether it takes the post.
	const network = event.url.searchParams.get('network') ?? '';
	const neighborhood = event.url.searchParams.get('neighborhood') ?? profile.homeNeighborhood;
	return {
		...(await loadPostFormOptions()),
		pauses: await pausesBeforePosting(neighborhood, /^\d{1,9}$/.test(network) ? Number(network) : null),
		values: {
			kind: event.url.searchParams.get('kind') === 'OFFER' ? 'OFFER' : 'NEED',
			title: '',
			details: '',
			category: '',
			neighborhood,
			network: /^\d{1,9}$/.test(network) ? network : '',
			timeWindow: 'THIS_WEEK',
			neededBy: '',
			quantity: '1',
			ongoing: false,
			languages: profile.languages,
			// Written in the language the poster reads the site in, until they say otherwise.
			language: getLocale(),
			repeat: '',
			repeatStart: '',
			repeatWeekdays: [],
			repeatEnd: 'count',
			repeatUntil: '',
			repeatCount: ''
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = await authorizeNewPost(event);
		const clientKey = clientKeyOf(await event.request.clone().formData());
		const result = await submitPostForm(
			event.request,
			(input) => createPost(user.id, input, new Date(), undefined, clientKey),
			(values) => refuseIfLimited(event, 'post', user.id, { values })
		);
		if ('failure' in result) return result.failure;
		redirectWithFlash(event, `/posts/${result.id}`, 'post_saved');
	}
};
