import { error } from '@sveltejs/kit';
import { authorizePost } from '$lib/server/guard';
import { getPostForEditing, updatePost } from '$lib/server/posts';
import { canEdit } from '$lib/server/posts/lifecycle';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import { redirectWithFlash } from '$lib/server/http/flash';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const {
		post: { id }
	} = await authorizePost(event, 'post:edit', Number(event.params.id));
	const post = await getPostForEditing(id);
	if (!post || !canEdit(post.status)) error(404, 'Not found');
	return {
		...(await loadPostFormOptions()),
		id,
		values: {
			kind: post.kind,
			title: post.title,
			details: post.details,
			category: post.category,
			neighborhood: post.neighborhood.slug,
			network: String(post.network.id),
			timeWindow: post.timeWindow,
			neededBy: post.neededBy?.toISOString().slice(0, 10) ?? '',
			quantity: post.quantity ? String(post.quantity) : '',
			ongoing: post.ongoing,
			languages: post.languages,
			language: post.language
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const {
			post: { id }
		} = await authorizePost(event, 'post:edit', Number(event.params.id));
		const result = await submitPostForm(event.request, (input) => updatePost(id, input));
		if ('failure' in result) return result.failure;
		redirectWithFlash(event, `/posts/${id}`, 'post_saved');
	}
};
