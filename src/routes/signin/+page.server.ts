import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { sendSignInLink } from '$lib/server/auth';
import { signInLimits } from '$lib/server/auth/limits';
import { publicAccess } from '$lib/server/guard';
import { safeNextPath } from '$lib/server/http/next';
import { hitLimits } from '$lib/server/ratelimit';
import type { Actions, PageServerLoad } from './$types';

const emailSchema = z.email();

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return {
		next: safeNextPath(event.url.searchParams.get('next')),
		email: event.url.searchParams.get('email') ?? ''
	};
};

export const actions: Actions = {
	default: async (event) => {
		await publicAccess(event);
		const form = await event.request.formData();
		const email = String(form.get('email') ?? '')
			.trim()
			.toLowerCase();
		const next = safeNextPath(form.get('next'));
		if (!emailSchema.safeParse(email).success) return fail(400, { email, error: 'email' as const });

		const limit = await hitLimits(signInLimits(email, event.getClientAddress()));
		if (!limit.allowed) {
			return fail(429, {
				email,
				error: 'limited' as const,
				minutes: Math.ceil(limit.retryAfterSeconds / 60)
			});
		}

		await sendSignInLink(event, email, next);
	}
};
