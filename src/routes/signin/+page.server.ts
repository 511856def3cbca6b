import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { sendSignInLink } from '$lib/server/auth';
import { rememberSignInEmail } from '$lib/server/auth/pending-email';
import { mailConfig, publicOrigin } from '$lib/server/config';
import { publicAccess } from '$lib/server/guard';
import { nextPath } from '$lib/server/http/fields';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Actions, PageServerLoad } from './$types';

const emailSchema = z.email();

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return {
		next: nextPath(event.url.searchParams.get('next')),
		email: event.url.searchParams.get('email') ?? '',
		// Without SMTP the link goes to the server log; a newcomer running the app needs to know where.
		linkInLog: !mailConfig().smtpUrl
	};
};

export const actions: Actions = {
	default: async (event) => {
		await publicAccess(event);
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '')
			.trim()
			.toLowerCase();
		const next = nextPath(form.get('next'));
		if (!emailSchema.safeParse(email).success) return fail(400, { email, error: 'email' as const });

		const refused = await refuseIfLimited(event, 'signin', email, { email, error: 'limited' as const });
		if (refused) return refused;

		rememberSignInEmail(event.cookies, email, publicOrigin().startsWith('https:'));
		return sendSignInLink(event, email, next);
	}
};
