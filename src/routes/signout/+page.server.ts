import { signOut } from '$lib/server/auth';
import { requireUser } from '$lib/server/guard';
import { replaceForm } from '$lib/server/http/form';
import { nextPath } from '$lib/server/http/fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
};

export const actions: Actions = {
	default: async (event) => {
		await requireUser(event);
		// Auth.js feeds redirectTo to new URL() unchecked: a bare word was a 500, a full URL an open redirect.
		const redirectTo = nextPath((await event.request.formData()).get('redirectTo'));
		replaceForm(event, { redirectTo });
		await signOut(event);
	}
};
