import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { deleteAccount } from '$lib/server/accounts/deletion';
import { SESSION_COOKIES } from '$lib/server/auth';
import { publicOrigin } from '$lib/server/config';
import { pendingPhoneFor, removePhone, sendPhoneCode, verifyAddedPhone } from '$lib/server/auth/phone';
import { codeSchema, phoneSchema } from '$lib/server/auth/phone-form';
import { loadProfileForm, submitProfileForm } from '$lib/server/accounts/profile-form';
import { awaySchemaAt, setAway } from '$lib/server/accounts/away';
import {
	networkMailSchema,
	notifyBySchema,
	saveNetworkMail,
	saveNotifyBy
} from '$lib/server/accounts/profile';
import { webPushConfig } from '$lib/server/config';
import { authorizeAccount } from '$lib/server/guard';
import { vapidKeys } from '$lib/server/push/vapid';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { maskPhone } from '$lib/server/sms/phone';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await authorizeAccount(event, 'account:view');
	const pending = await pendingPhoneFor(user.id);
	return {
		...(await loadProfileForm(user.id)),
		// Only people who help run a network get its mail, so only they are asked about it.
		runsNetworks: user.memberships.length > 0,
		pendingPhone: pending ? maskPhone(pending.number) : null,
		// The key a device's subscription is made for, when push notifications are on for this site.
		pushKey: webPushConfig().enabled ? (await vapidKeys()).publicKey : null
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
		await setAway(user.id, parsed.data.until, publicOrigin());
		redirectWithFlash(event, '/account#away', 'account_away_saved');
	},
	back: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		await setAway(user.id, null, publicOrigin());
		redirectWithFlash(event, '/account#away', 'account_away_saved');
	},
	addPhone: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		const parsed = parseForm(phoneSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('addPhone', parsed);
		const refused = await refuseIfLimited(event, 'signinText', parsed.data.phone, {
			values: { phone: parsed.data.phone }
		});
		if (refused) return refused;
		await sendPhoneCode({ number: parsed.data.phone, userId: user.id, locale: getLocale() });
		redirectWithFlash(event, '/account#phone', 'account_phone_code_texted');
	},
	verifyPhone: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		const parsed = parseForm(codeSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('verifyPhone', parsed);
		const result = await verifyAddedPhone(user.id, parsed.data.code);
		if (!result.ok) {
			const code = {
				wrong: 'phone_code_error_wrong',
				expired: 'phone_code_error_expired',
				taken: 'account_phone_error_taken'
			} as const;
			return invalid('verifyPhone', { values: parsed.data, errors: { code: code[result.reason] } });
		}
		redirectWithFlash(event, '/account#phone', 'account_phone_added');
	},
	removePhone: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		if (!(await removePhone(user.id))) {
			return invalid('removePhone', { values: {}, errors: { form: 'account_phone_error_only' } });
		}
		redirectWithFlash(event, '/account#phone', 'account_phone_removed');
	},
	notify: async (event) => {
		const user = await authorizeAccount(event, 'account:edit');
		const parsed = parseForm(notifyBySchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('notify', parsed);
		if (!(await saveNotifyBy(user.id, parsed.data))) {
			return invalid('notify', { values: parsed.data, errors: { notifyBy: 'account_notify_error' } });
		}
		redirectWithFlash(event, '/account#phone', 'account_notify_saved');
	},
	delete: async (event) => {
		const user = await authorizeAccount(event, 'account:delete');
		const form = await event.request.formData();
		if (form.get('confirm') !== 'yes') return fail(400, { deleteError: true });
		await deleteAccount(user.id, publicOrigin());
		for (const name of SESSION_COOKIES) event.cookies.delete(name, { path: '/' });
		redirect(303, '/account/deleted');
	}
};
