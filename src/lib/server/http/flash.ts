// The confirmation a form shows after it redirects (post/redirect/get: reloading the page it lands on
// must not send the form again). The action names a message key; the next load of the page it
// redirected to reads it once. A cookie rather than a query string, so a reload or a shared link shows
// no stale "Saved"; httpOnly because no script reads it; scoped to that page's path and a minute long,
// so a redirect that never arrives leaves nothing behind for other pages.
import { redirect, type Cookies } from '@sveltejs/kit';
import type { MessageKey } from '$lib/labels';
import { publicOrigin } from '../config.ts';

/** Every confirmation a redirect may carry; the cookie comes back from the browser, so it is checked. */
export const FLASH_MESSAGES = [
	'post_saved',
	'post_renewed',
	'post_withdrawn',
	'post_take_in_accepted',
	'post_take_in_declined',
	'series_paused',
	'series_resumed',
	'series_ended',
	'series_standing_taken',
	'series_standing_accepted',
	'series_stepped_back',
	'claim_done_accepted',
	'claim_done_declined',
	'claim_done_withdrawn',
	'claim_done_released',
	'claim_done_completed',
	'claim_done_not_done',
	'claim_done_sent',
	'report_thanks',
	'profile_saved',
	'account_network_mail_saved',
	'account_away_saved',
	'account_phone_code_texted',
	'account_phone_added',
	'account_phone_removed',
	'account_notify_saved',
	'moderate_done',
	'moderate_take_in_offered',
	'admin_granted',
	'admin_revoked',
	'admin_decided',
	'network_edit_saved',
	'network_invite_sent',
	'network_status_deactivated',
	'network_status_reactivated',
	'network_paused',
	'network_resumed',
	'network_limits_saved',
	'organize_sent',
	'organize_already',
	'distribution_saved',
	'distribution_ended',
	'outreach_started',
	'outreach_stopped',
	'household_added',
	'household_joined',
	'household_saved',
	'household_merged',
	'household_delivered',
	'household_request_opened',
	'household_timeouts_saved',
	'household_imported',
	'intake_text_discarded'
] as const satisfies readonly MessageKey[];
export type Flash = (typeof FLASH_MESSAGES)[number];

const COOKIE = 'flash';
const known = new Set<string>(FLASH_MESSAGES);

function options(path: string) {
	return { path, httpOnly: true, sameSite: 'lax', secure: publicOrigin().startsWith('https:') } as const;
}

/** Ends a successful action: a 303 to `location` (same origin), which shows `flash` once. */
export function redirectWithFlash(
	event: { cookies: Cookies; url: URL },
	location: string,
	flash: Flash
): never {
	const target = new URL(location, event.url);
	event.cookies.set(COOKIE, flash, { ...options(target.pathname), maxAge: 60 });
	redirect(303, location);
}

/** The confirmation waiting for this page, if any, which is then gone. */
export function takeFlash(event: { cookies: Cookies; url: URL }): Flash | null {
	const value = event.cookies.get(COOKIE);
	if (value === undefined) return null;
	event.cookies.delete(COOKIE, options(event.url.pathname));
	return known.has(value) ? (value as Flash) : null;
}
