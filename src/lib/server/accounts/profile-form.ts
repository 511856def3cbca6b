// The profile form's server half, shared by the first-sign-in step and the account page.
import { fail, type RequestEvent } from '@sveltejs/kit';
import { cookieMaxAge, cookieName } from '$lib/paraglide/runtime';
import { SPOKEN_LANGUAGES } from '$lib/languages';
import { errorsOf, type FormErrors } from '../http/form.ts';
import { listBoroughsWithNeighborhoods } from '../places/index.ts';
import { getProfile, parseProfileForm, saveProfile, UnknownNeighborhoodError } from './profile.ts';

export async function loadProfileForm(userId: string) {
	const [profile, boroughs] = await Promise.all([getProfile(userId), listBoroughsWithNeighborhoods()]);
	return { profile, boroughs, spokenLanguages: SPOKEN_LANGUAGES };
}

/** Saves the posted profile; returns a fail() to hand back to the form, or null when saved. */
export async function submitProfileForm(event: RequestEvent, userId: string) {
	const form = await event.request.formData();
	const values = {
		name: String(form.get('name') ?? ''),
		homeNeighborhood: String(form.get('homeNeighborhood') ?? ''),
		languages: form.getAll('languages').map(String),
		uiLocale: String(form.get('uiLocale') ?? ''),
		phone: String(form.get('phone') ?? ''),
		shareContact: form.get('shareContact') === 'on'
	};
	const parsed = parseProfileForm(form);
	if (!parsed.success) {
		return fail(400, { values, errors: errorsOf(parsed.error, 'profile_error_generic') });
	}
	try {
		await saveProfile(userId, parsed.data);
	} catch (error) {
		if (error instanceof UnknownNeighborhoodError) {
			return fail(400, {
				values,
				errors: { homeNeighborhood: 'profile_error_neighborhood' } satisfies FormErrors
			});
		}
		throw error;
	}
	// The interface follows the language chosen in the profile from now on.
	event.cookies.set(cookieName, parsed.data.uiLocale, {
		path: '/',
		maxAge: cookieMaxAge,
		httpOnly: false,
		sameSite: 'lax'
	});
	return null;
}
