import { error, fail } from '@sveltejs/kit';
import { publicAccess, requireUser } from '$lib/server/guard';
import { getPublicPost } from '$lib/server/posts/board';
import { postFor } from '$lib/server/posts/access';
import { transition, TransitionError, type PostEvent } from '$lib/server/posts/lifecycle';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await publicAccess(event);
	const post = await getPublicPost(Number(event.params.id));
	const isAuthor = !!viewer && post?.authorId === viewer.id;
	// Withdrawn and expired posts have left the board; only their poster still sees them.
	if (!post || (post.status !== 'OPEN' && !isAuthor)) error(404, 'Not found');
	const { authorId, ...visible } = post; // who posted stays on the server
	return { post: visible, isAuthor, done: event.url.searchParams.get('done') };
};

async function move(event: Parameters<Actions[string]>[0], postEvent: PostEvent) {
	const postId = Number(event.params.id);
	await postFor(event, postEvent === 'renew' ? 'post:renew' : 'post:withdraw', postId);
	try {
		await transition(postId, postEvent);
	} catch (problem) {
		if (problem instanceof TransitionError) return fail(409, { transitionError: true });
		throw problem;
	}
	return { done: postEvent };
}

export const actions: Actions = {
	withdraw: async (event) => {
		await requireUser(event);
		return move(event, 'withdraw');
	},
	renew: async (event) => {
		await requireUser(event);
		return move(event, 'renew');
	}
};
