import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { SPOKEN_LANGUAGES } from '$lib/server/accounts/profile';
import { requireUser } from '$lib/server/guard';
import { listBoroughsWithNeighborhoodIds } from '$lib/server/places';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { networkFor } from '$lib/server/places/network-access';
import {
	getNetworkProfile,
	inviteModerator,
	networkProfileSchema,
	updateNetworkProfile
} from '$lib/server/places/organizers';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { network } = await networkFor(event, 'network:manage');
	const [profile, boroughs] = await Promise.all([
		getNetworkProfile(network.id),
		listBoroughsWithNeighborhoodIds()
	]);
	return {
		profile: {
			...profile,
			languages: profile.languages ?? [],
			coverage: profile.coverage.map((c) => c.neighborhoodId)
		},
		boroughs,
		spokenLanguages: SPOKEN_LANGUAGES
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = await requireUser(event);
		const { network } = await networkFor(event, 'network:manage');
		const form = await event.request.formData();
		const values = {
			description: String(form.get('description') ?? ''),
			websiteUrl: String(form.get('websiteUrl') ?? ''),
			hotline: String(form.get('hotline') ?? ''),
			holdFirstPosts: form.get('holdFirstPosts') === 'on',
			languages: form.getAll('languages').map(String),
			coverage: form.getAll('coverage').map(Number)
		};
		const parsed = networkProfileSchema.safeParse(values);
		if (!parsed.success)
			return fail(400, { values, error: parsed.error.issues[0]?.message ?? 'network_edit_error_url' });
		await updateNetworkProfile(user.id, network.id, parsed.data);
		return { saved: true };
	},
	invite: async (event) => {
		const user = await requireUser(event);
		const { network } = await networkFor(event, 'network:manage');
		const email = z.email().safeParse(
			String((await event.request.formData()).get('email') ?? '')
				.trim()
				.toLowerCase()
		);
		if (!email.success) return fail(400, { inviteError: true });
		const refused = await refuseIfLimited(event, 'invite', user.id);
		if (refused) return refused;
		await inviteModerator(user.id, network.id, email.data, event.url.origin, (name) => ({
			subject: m.mail_invite_subject({ network: name }),
			text: m.mail_invite_body({ network: name })
		}));
		return { invited: email.data };
	}
};
