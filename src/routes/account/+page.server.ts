import { fail, redirect } from '@sveltejs/kit';
import { deleteAccount } from '$lib/server/accounts/deletion';
import { SESSION_COOKIES } from '$lib/server/auth';
import { loadProfileForm, submitProfileForm } from '$lib/server/accounts/profile-form';
import { networkMailSchema, saveNetworkMail } from '$lib/server/accounts/profile';
import { awaySchemaAt, setAway } from '$lib/server/accounts/away';
import { authorizeAccount } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await authorizeAccount(event, 'account:view');
	return {
		...(await loadProfileForm(user.id)),
		// Only people who help run a network get its mail, so only they are asked about it.
		runsNetworks: user.memberships.length > 0
	};
};

export const actions: Actions = {
	save: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		const failure = await submitProfileForm(event, user.id);
		if (failure) return failure;
		redirectWithFlash(event, '/account', 'profile_saved');
	},
	networkMail: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		const parsed = parseForm(networkMailSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('networkMail', parsed);
		await saveNetworkMail(user.id, parsed.data);
		redirectWithFlash(event, '/account#network-mail', 'account_network_mail_saved');
	},
	away: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		const parsed = parseForm(awaySchemaAt(), await event.request.formData());
		if (!('data' in parsed)) return invalid('away', parsed);
		await setAway(user.id, parsed.data.until);
		redirectWithFlash(event, '/account#away', 'account_away_saved');
	},
	back: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		await setAway(user.id, null);
		redirectWithFlash(event, '/account#away', 'account_away_saved');
	},
	delete: async (event) => {
		const user = await authorizeAccount(event, 'account:delete');
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes') return fail(400, { deleteError: true });
		await deleteAccount(user.id);
		for (const name of SESSION_COOKIES) event.cookies.delete(name, { path: '/' });
		redirect(303, '/account/deleted');
	}
};
