import { fail } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { parseForm } from '$lib/server/http/form';
import { fileIntake, moderatedNetworks } from '$lib/server/moderation/intake';
import { listDrafts } from '$lib/server/moderation/text-intake';
import { intakeSchema } from '$lib/server/moderation/schemas';
import { moderatedNetworksOf } from '$lib/server/guard';
import { pauseNoticesOf } from '$lib/server/networks/pause';
import { ACTIVE } from '$lib/server/places';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { loadPostFormOptions, submitPostForm } from '$lib/server/posts/form-actions';
import { redirectWithFlash } from '$lib/server/http/flash';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = await moderatedNetworksOf(event);
	// A network no longer active takes no posts, so it is not offered. A paused one is, with its notice
	// above the form: its team should see why the intake will be refused, not a network gone missing.
	const networks = await moderatedNetworks(user, ACTIVE);
	return {
		...(await loadPostFormOptions()),
		networks,
		pauses: await pauseNoticesOf(networks.map((network) => network.id)),
		texts: await listDrafts(user),
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
			languages: [],
			language: getLocale()
		}
	};
};

export const actions: Actions = {
	default: async (event) => {
		const { user, networks } = await moderatedNetworksOf(event);
		// The post fields are read again by submitPostForm, so this reads a copy.
		const parsed = parseForm(intakeSchema, await event.request.clone().formData());
		if (!('data' in parsed) || !networks.some((n) => n.id === parsed.data.network)) {
			const posted = 'data' in parsed ? parsed.data : parsed.values;
			const intake = { name: String(posted.intakeName ?? ''), contact: String(posted.intakeContact ?? '') };
			return fail(400, { intakeError: true, intake });
		}
		const intake = { name: parsed.data.intakeName, contact: parsed.data.intakeContact };
		// The moderator is the post's author and relays replies; the neighbor's details stay in intake fields.
		const result = await submitPostForm(
			event.request,
			(input) => fileIntake(user, input, intake),
			(values) => refuseIfLimited(event, 'intake', user.id, { values, intake })
		);
		if ('failure' in result) return result.failure;
		redirectWithFlash(event, `/posts/${result.id}`, 'post_saved');
	}
};
