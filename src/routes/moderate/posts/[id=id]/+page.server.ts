import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { authorize, requireUser } from '$lib/server/guard';
import { getModeratedPost, moderate, ModerationError, type ModerationAction } from '$lib/server/moderation';
import { CATEGORIES } from '$lib/posts';
import { listBoroughsWithNeighborhoodIds, listNetworks } from '$lib/server/places';
import { TransitionError } from '$lib/server/posts/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const ACTIONS = [
	'approve',
	'hide',
	'restore',
	'close',
	'dismiss',
	'handoff',
	'lock',
	'unlock',
	'suspend',
	'edit'
] as const;

/** The post, if the viewer moderates its network; a 404 otherwise, for every load and action. */
async function moderatedPost(event: RequestEvent) {
	const post = await getModeratedPost(Number(event.params.id));
	if (!post) error(404, 'Not found');
	const user = await authorize(event, 'network:moderate', { type: 'network', id: post.networkId });
	return { post, user };
}

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { post } = await moderatedPost(event);
	const { authorId, ...visible } = post; // ids of people stay on the server
	const networks = (await listNetworks())
		.filter((n) => n.id !== post.networkId)
		.map(({ id, name }) => ({ id, name }));
	return { post: visible, networks, boroughs: await listBoroughsWithNeighborhoodIds() };
};

export const actions: Actions = {
	default: async (event) => {
		await requireUser(event);
		const { post, user } = await moderatedPost(event);
		const form = await event.request.formData();
		const action = String(form.get('action'));
		if (!(ACTIONS as readonly string[]).includes(action))
			return fail(400, { error: 'moderate_error_status' });
		const reason = String(form.get('reason') ?? '').trim() || undefined;
		if ((action === 'hide' || action === 'suspend') && !reason)
			return fail(400, { error: 'moderate_error_reason' });
		const targetNetworkId = Number(form.get('target')) || undefined;
		const category = CATEGORIES.find((c) => c === form.get('category'));
		const neighborhoodId = Number(form.get('neighborhood')) || undefined;
		try {
			await moderate(user.id, post.id, action as Exclude<ModerationAction, 'intake'>, {
				reason,
				targetNetworkId,
				category,
				neighborhoodId
			});
		} catch (problem) {
			if (problem instanceof TransitionError) return fail(409, { error: 'moderate_error_status' });
			if (problem instanceof ModerationError) return fail(400, { error: 'moderate_error_target' });
			throw problem;
		}
		return { done: true };
	}
};
