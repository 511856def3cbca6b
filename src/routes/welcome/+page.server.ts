import { redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { loadProfileForm, submitProfileForm } from '$lib/server/accounts/profile-form';
import { requireUser } from '$lib/server/guard';
import { nextPath } from '$lib/server/http/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	const form = await loadProfileForm(user.id);
	return {
		...form,
		profile: { ...form.profile, uiLocale: form.profile.uiLocale || getLocale() },
		next: nextPath(event.url.searchParams.get('next'))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const user = await requireUser(event);
		const failure = await submitProfileForm(event, user.id);
		if (failure) return failure;
		redirect(303, nextPath(event.url.searchParams.get('next')));
	}
};
