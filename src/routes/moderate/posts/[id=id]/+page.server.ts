import { error, fail } from '@sveltejs/kit';
import { can } from '$lib/policies';
import { publicOrigin } from '$lib/server/config';
import { authorizePostModeration } from '$lib/server/guard';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm, type FormErrors } from '$lib/server/http/form';
import { offerTakeIn, takeInForTeam } from '$lib/server/households/take-in';
import { getModeratedPost } from '$lib/server/moderation/queue';
import { moderate, ModerationError, needsConfirmation } from '$lib/server/moderation/actions';
import { moderationActionSchema } from '$lib/server/moderation/schemas';
import { listBoroughsWithNeighborhoodIds, listNetworks, takingPosts } from '$lib/server/places';
import { TransitionError } from '$lib/server/posts/lifecycle';
import type { Actions, PageServerLoad } from './$types';

const STATUS_CHANGED: FormErrors = { action: 'moderate_error_status' };
const NO_SUCH_TARGET: FormErrors = { target: 'moderate_error_target' };

export const load: PageServerLoad = async (event) => {
	const { user, post: allowed } = await authorizePostModeration(event, Number(event.params.id));
	const post = await getModeratedPost(allowed.id);
	if (!post) error(404, 'Not found');
	const { authorId, ...visible } = post; // ids of people stay on the server
	const networks = (await listNetworks(takingPosts()))
		.filter((n) => n.id !== post.networkId)
		.map(({ id, name }) => ({ id, name }));
	// The household roster's part, for the team that keeps it (not admins, who moderate everywhere).
	const keepsRoster = can(user, 'post:offerTakeIn', {
		type: 'post',
		authorId,
		networkId: post.networkId,
		intake: post.intakeName !== null
	});
	return {
		post: visible,
		networks,
		boroughs: await listBoroughsWithNeighborhoodIds(),
		takeIn: keepsRoster ? await takeInForTeam(post.id) : null
	};
};

export const actions: Actions = {
	// Offering the poster a place on the network's household roster; they answer on their post's page.
	offerTakeIn: async (event) => {
		const { user, post } = await authorizePostModeration(event, Number(event.params.id), 'post:offerTakeIn');
		const outcome = await offerTakeIn(user.id, post.id, publicOrigin());
		if (!outcome.ok) {
			const errors: FormErrors = { takeIn: `take_in_error_${outcome.reason}` };
			return fail(409, { form: 'takeIn', errors });
		}
		redirectWithFlash(event, `/moderate/posts/${post.id}`, 'moderate_take_in_offered');
	},
	moderate: async (event) => {
		const { user, post } = await authorizePostModeration(event, Number(event.params.id));
		const posted = await event.request.formData();
		const parsed = parseForm(moderationActionSchema, posted);
		if (!('data' in parsed)) return invalid('moderate', parsed);
		const input = parsed.data;
		if (needsConfirmation(user, input)) {
			const unconfirmed = unlessConfirmed('moderate', posted);
			if (unconfirmed) return unconfirmed;
		}
		try {
			await moderate(user.id, post.id, input.action, {
				reason: input.reason || undefined,
				targetNetworkId: input.action === 'handoff' ? input.target : undefined,
				category: input.action === 'edit' ? input.category : undefined,
				neighborhoodId: input.action === 'edit' ? input.neighborhood : undefined,
				origin: publicOrigin()
			});
		} catch (problem) {
			if (problem instanceof TransitionError)
				return fail(409, {
					form: 'moderate',
					errors: STATUS_CHANGED
				});
			if (problem instanceof ModerationError)
				return fail(400, {
					form: 'moderate',
					errors: NO_SUCH_TARGET
				});
			throw problem;
		}
		redirectWithFlash(event, `/moderate/posts/${post.id}`, 'moderate_done');
	}
};
