import { error, fail, type RequestEvent } from '@sveltejs/kit';
import { authorize, requireUser } from '$lib/server/guard';
import { invalid, parseForm } from '$lib/server/http/form';
import { moderate, ModerationError } from '$lib/server/moderation/actions';
import { getModeratedPost } from '$lib/server/moderation/queue';
import { moderationActionSchema } from '$lib/server/moderation/schemas';
import { listBoroughsWithNeighborhoodIds, listNetworks } from '$lib/server/places';
import { TransitionError } from '$lib/server/posts/lifecycle';
import type { Actions, PageServerLoad } from './$types';

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
		const parsed = parseForm(moderationActionSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('moderate', parsed);
		const input = parsed.data;
		try {
			await moderate(user.id, post.id, input.action, {
				reason: input.reason || undefined,
				targetNetworkId: input.action === 'handoff' ? input.target : undefined,
				category: input.action === 'edit' ? input.category : undefined,
				neighborhoodId: input.action === 'edit' ? input.neighborhood : undefined
			});
		} catch (problem) {
			if (problem instanceof TransitionError)
				return fail(409, { form: 'moderate', errors: { action: 'moderate_error_status' } });
			if (problem instanceof ModerationError)
				return fail(400, { form: 'moderate', errors: { target: 'moderate_error_target' } });
			throw problem;
		}
		return { done: true };
	}
};
