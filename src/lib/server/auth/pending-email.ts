// The "check your email" page names the address the link went to, so a typo is caught at once. The
// address travels in a cookie for this browser only (httpOnly, scoped to that page, minutes long):
// never in the URL, where it would reach history, logs and Referer headers.
import type { Cookies } from '@sveltejs/kit';
import { z } from 'zod';

const COOKIE = 'signin-email';
const PAGE = '/signin/check-email';
const address = z.email();

export function rememberSignInEmail(cookies: Cookies, email: string, secure: boolean) {
	cookies.set(COOKIE, email, { path: PAGE, httpOnly: true, sameSite: 'lax', secure, maxAge: 15 * 60 });
}

export function recallSignInEmail(cookies: Cookies): string | null {
	const parsed = address.safeParse(cookies.get(COOKIE));
	return parsed.success ? parsed.data : null;
}
