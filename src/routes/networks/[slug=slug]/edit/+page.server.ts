import { SPOKEN_LANGUAGES } from '$lib/languages';
import { authorizeNetwork } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm, schemaValues } from '$lib/server/http/form';
import { listBoroughsWithNeighborhoodIds } from '$lib/server/places';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { inviteModerator, inviteSchema } from '$lib/server/networks/moderators';
import { getNetworkProfile, networkProfileSchema, updateNetworkProfile } from '$lib/server/networks/profile';
import { publicOrigin } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:manage', event.params.slug);
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
		const { user, network } = await authorizeNetwork(event, 'network:manage', event.params.slug);
		const posted = await event.request.formData();
		const parsed = parseForm(networkProfileSchema, posted);
		if (!('data' in parsed)) return invalid('save', parsed);
		const saved = await updateNetworkProfile(user.id, network.id, parsed.data);
		if (!saved.ok) {
			const values = schemaValues(networkProfileSchema, posted);
			const error =
				saved.reason === 'sms-number-site' ? 'network_edit_error_sms_site' : 'network_edit_error_sms_taken';
			return invalid('save', { values, errors: { smsNumber: error } });
		}
		redirectWithFlash(event, `/networks/${network.slug}/edit`, 'network_edit_saved');
	},
	invite: async (event) => {
		const { user, network } = await authorizeNetwork(event, 'network:manage', event.params.slug);
		const parsed = parseForm(inviteSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('invite', parsed);
		const { email } = parsed.data;
		const refused = await refuseIfLimited(event, 'invite', user.id, { values: { email } });
		if (refused) return refused;
		await inviteModerator(user.id, network.id, email, publicOrigin());
		redirectWithFlash(event, `/networks/${network.slug}/edit`, 'network_invite_sent');
	}
};
