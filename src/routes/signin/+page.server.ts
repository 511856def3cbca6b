import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { signIn } from '$lib/server/auth';
import { publicAccess } from '$lib/server/guard';
import { safeNextPath } from '$lib/server/http/next';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
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

		const refused = await refuseIfLimited(event, 'signin', email, { email, error: 'limited' as const });
		if (refused) return refused;

		// Auth.js's sign-in action reads its own form fields from the request; hand it exactly those.
		const headers = new Headers(event.request.headers);
		headers.set('content-type', 'application/x-www-form-urlencoded');
		headers.delete('content-length');
		event.request = new Request(event.request.url, {
			method: 'POST',
			headers,
			body: new URLSearchParams({ providerId: 'nodemailer', email, redirectTo: next })
		});
		await signIn(event);
	}
};
