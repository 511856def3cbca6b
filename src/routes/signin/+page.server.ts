import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { signIn } from '$lib/server/auth';
import { rememberSignInEmail } from '$lib/server/auth/pending-email';
import { mailConfig } from '$lib/server/config';
import { publicAccess } from '$lib/server/guard';
import { safeNextPath } from '$lib/server/http/next';
import { hitLimits } from '$lib/server/ratelimit';
import type { Actions, PageServerLoad } from './$types';

const emailSchema = z.email();
const HOUR = 60 * 60;

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return {
		next: safeNextPath(event.url.searchParams.get('next')),
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
		const next = safeNextPath(form.get('next'));
		if (!emailSchema.safeParse(email).success) return fail(400, { email, error: 'email' as const });

		const limit = await hitLimits([
			{ key: `signin-email:${email}`, max: 5, windowSeconds: HOUR },
			{ key: `signin-ip:${event.getClientAddress()}`, max: 30, windowSeconds: HOUR }
		]);
		if (!limit.allowed) {
			return fail(429, {
				email,
				error: 'limited' as const,
				minutes: Math.ceil(limit.retryAfterSeconds / 60)
			});
		}

		// Auth.js's sign-in action reads its own form fields from the request; hand it exactly those.
		const headers = new Headers(event.request.headers);
		headers.set('content-type', 'application/x-www-form-urlencoded');
		headers.delete('content-length');
		event.request = new Request(event.request.url, {
			method: 'POST',
			headers,
			body: new URLSearchParams({ providerId: 'nodemailer', email, redirectTo: next })
		});
		rememberSignInEmail(event.cookies, email, event.url.protocol === 'https:');
		await signIn(event);
	}
};
