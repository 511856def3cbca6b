// Which texted code this browser is waiting on: the code's id in a cookie for this browser only
// (httpOnly, scoped to the code page, as long as a code lives). It is what makes the texted link sign in
// on the device that asked and nowhere else: a link preview or a forwarded text has no such cookie.
import type { Cookies } from '@sveltejs/kit';
import { publicOrigin } from '../config.ts';
import { CODE_MINUTES, CODE_PAGE } from './phone.ts';

const COOKIE = 'signin-phone';

export function rememberPendingCode(cookies: Cookies, id: string) {
	cookies.set(COOKIE, id, {
		path: CODE_PAGE,
		httpOnly: true,
		sameSite: 'lax',
		secure: publicOrigin().startsWith('https:'),
		maxAge: CODE_MINUTES * 60
	});
}

export const recallPendingCode = (cookies: Cookies): string | undefined => cookies.get(COOKIE);

export const forgetPendingCode = (cookies: Cookies) => cookies.delete(COOKIE, { path: CODE_PAGE });
