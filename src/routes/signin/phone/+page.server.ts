import { redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { CODE_PAGE, sendPhoneCode } from '$lib/server/auth/phone';
import { phoneSchema } from '$lib/server/auth/phone-form';
import { rememberPendingCode } from '$lib/server/auth/pending-phone';
import { smsConfig } from '$lib/server/config';
import { publicAccess } from '$lib/server/guard';
import { nextPath } from '$lib/server/http/fields';
import { invalid, parseForm } from '$lib/server/http/form';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	return {
		next: nextPath(event.url.searchParams.get('next')),
		// Without SMS_URL the code goes to the server log; a newcomer running the app needs to know where.
		codeInLog: !smsConfig().provider
	};
};

export const actions: Actions = {
	default: async (event) => {
		await publicAccess(event);
		const form = await event.request.formData();
		const next = nextPath(form.get('next'));
		const parsed = parseForm(phoneSchema, form);
		if (!('data' in parsed)) return invalid('phone', parsed);
		const refused = await refuseIfLimited(event, 'signinText', parsed.data.phone, {
			values: { phone: parsed.data.phone }
		});
		if (refused) return refused;
		const { id } = await sendPhoneCode({ number: parsed.data.phone, locale: getLocale() });
		rememberPendingCode(event.cookies, id);
		redirect(303, `${CODE_PAGE}?next=${encodeURIComponent(next)}`);
	}
};
