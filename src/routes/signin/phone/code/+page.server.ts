import { redirect, type RequestEvent } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { startSession } from '$lib/server/auth';
import { accountForNumber, checkPhoneCode, pendingNumber, type CodeCheck } from '$lib/server/auth/phone';
import { codeSchema } from '$lib/server/auth/phone-form';
import { forgetPendingCode, recallPendingCode } from '$lib/server/auth/pending-phone';
import { publicAccess } from '$lib/server/guard';
import { nextPath } from '$lib/server/http/fields';
import { invalid, parseForm } from '$lib/server/http/form';
import { maskPhone } from '$lib/server/sms/phone';
import type { Actions, PageServerLoad } from './$types';

/** Signs in as the number's account and goes on; only for a check that came out right. */
async function signIn(
	event: RequestEvent,
	check: Extract<CodeCheck, { ok: true }>,
	next: string
): Promise<never> {
	const userId = await accountForNumber(check.number, getLocale());
	await startSession(event.cookies, userId);
	forgetPendingCode(event.cookies);
	redirect(303, next);
}

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const next = nextPath(event.url.searchParams.get('next'));
	const id = recallPendingCode(event.cookies);
	const pending = id ? await pendingNumber(id) : null;
	const link = event.url.searchParams.get('t');
	let linkProblem: 'device' | 'expired' | null = null;
	if (link) {
		// The link works only in the browser that asked for the code (it holds the cookie).
		if (!id || !pending) linkProblem = 'device';
		else {
			const check = await checkPhoneCode(id, { link });
			if (check.ok) await signIn(event, check, next);
			linkProblem = 'expired';
		}
	}
	return { next, sentTo: pending ? maskPhone(pending) : null, linkProblem };
};

export const actions: Actions = {
	default: async (event) => {
		await publicAccess(event);
		const form = await event.request.formData();
		const next = nextPath(form.get('next'));
		const parsed = parseForm(codeSchema, form);
		if (!('data' in parsed)) return invalid('code', parsed);
		const id = recallPendingCode(event.cookies);
		const check = id ? await checkPhoneCode(id, { code: parsed.data.code }) : null;
		if (!check?.ok) {
			const error = check?.reason === 'wrong' ? 'phone_code_error_wrong' : 'phone_code_error_expired';
			return invalid('code', { values: parsed.data, errors: { code: error } });
		}
		return signIn(event, check, next);
	}
};
