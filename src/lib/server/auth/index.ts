// Email sign-in (magic links) with Auth.js and database sessions. Sign-in mail goes through the outbox:
// the verification token and the message are written in one transaction, so a link is never sent for
// a token that was not saved, nor a token saved whose mail could be lost.
import { createHash, randomUUID } from 'node:crypto';
import { PrismaAdapter } from '@auth/prisma-adapter';
import { SvelteKitAuth, type SvelteKitAuthConfig } from '@auth/sveltekit';
import { isRedirect, redirect, type Cookies, type RequestEvent } from '@sveltejs/kit';
import type { EmailConfig } from '@auth/sveltekit/providers/email';
import type { Adapter } from '@auth/core/adapters';
import { m } from '$lib/paraglide/messages';
import { adminEmails, mailConfig, publicOrigin } from '../config.ts';
import { db } from '../db/index.ts';
import { queueMail } from '../mail/index.ts';
import { resolveAuthSecret } from './secret.ts';
import { logger } from '../log.ts';
import { mailLocale } from '../mail/due.ts';
import { requestLocale } from '../hooks/language.ts';

export const SIGN_IN_LINK_MINUTES = 30;
/** Auth.js's session cookie; the __Secure- name is the one it uses when the site is on https. */
export const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
const SESSION_DAYS = 30;

let secret: string | undefined;

export async function initAuth() {
	secret = await resolveAuthSecret();
}

export function authSecret(): string {
	if (!secret) throw new Error('initAuth() has not run');
	return secret;
}

/** Auth.js stores sha256(token + secret), never the token itself. */
const hashToken = (token: string) => createHash('sha256').update(`${token}${authSecret()}`).digest('hex');

function adapter(): Adapter {
	// Auth.js's adapter is typed against @prisma/client; ours is generated into src/ with the same API.
	const base = PrismaAdapter(db as never);
	return {
		...base,
		// sendVerificationRequest below saves the token together with its mail.
		createVerificationToken: async (token) => token
	};
}

const auth = SvelteKitAuth(async (): Promise<SvelteKitAuthConfig> => ({
	adapter: adapter(),
	secret: authSecret(),
	// Auth.js builds its URLs from the request it is given. The requests it gets are either ours (below,
	// addressed to the configured origin) or adapter-node's, whose URL comes from ORIGIN and never from
	// Host or X-Forwarded-* unless HOST_HEADER/PROTOCOL_HEADER say to trust them.
	trustHost: true,
	basePath: '/auth',
	session: { strategy: 'database', maxAge: SESSION_DAYS * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
	pages: { signIn: '/signin', verifyRequest: '/signin/check-email', error: '/signin/error' },
	providers: [
		// Auth.js's Nodemailer provider without nodemailer, which it would load at every start only to
		// send, and the outbox sends. Its id stays, so links already mailed go on working.
		{
			id: 'nodemailer',
			type: 'email',
			name: 'Email',
			from: mailConfig().from,
			secret: authSecret(),
			maxAge: SIGN_IN_LINK_MINUTES * 60,
			async sendVerificationRequest({ identifier, token, expires, url, request }) {
				// Someone who chose a language in their account reads in it, whichever browser asks.
				const account = await db.user.findUnique({
					where: { email: identifier },
					select: { uiLocale: true }
				});
				const locale = account?.uiLocale ? mailLocale(account.uiLocale) : requestLocale(request);
				await db.$transaction(async (tx) => {
					await tx.verificationToken.create({ data: { identifier, token: hashToken(token), expires } });
					await queueMail(tx, {
						to: identifier,
						subject: m.mail_sign_in_subject({}, { locale }),
						text: m.mail_sign_in_body({ url, minutes: SIGN_IN_LINK_MINUTES }, { locale })
					});
				});
			}
		} satisfies EmailConfig
	],
	logger: {
		// An expired or reused link is an everyday event, shown to the person; not a server error.
		error: (error) => {
			if (error.name !== 'Verification') logger.error({ err: error }, 'sign-in failed');
		}
	},
	callbacks: {
		session: ({ session, user }) => ({ ...session, user: { id: user.id } }) as typeof session
	},
	events: {
		async signIn({ user }) {
			if (user.id) await followAdminEmails(user.id);
		}
	}
}));

/** Admin rights follow ADMIN_EMAILS at every sign-in, so removing an address revokes them. */
async function followAdminEmails(userId: string) {
	const user = await db.user.findUnique({ where: { id: userId }, select: { email: true } });
	if (!user?.email) return;
	await db.user.update({
		where: { id: userId },
		data: { isAdmin: adminEmails().has(user.email.toLowerCase()) }
	});
}

/**
 * A session exactly like the one Auth.js makes after an email link (database strategy): a random
 * token in the sessions table and in its cookie, so it is listed, revoked and signed out the same way.
 * For a sign-in Auth.js has no provider for (a texted code).
 */
export async function startSession(cookies: Cookies, userId: string) {
	const sessionToken = randomUUID();
	const expires = new Date(Date.now() + SESSION_DAYS * 24 * 60 * 60 * 1000);
	await db.session.create({ data: { sessionToken, userId, expires } });
	await followAdminEmails(userId);
	const secure = publicOrigin().startsWith('https:');
	cookies.set(SESSION_COOKIES[secure ? 1 : 0]!, sessionToken, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure,
		expires
	});
}

export const authHandle = auth.handle;

/**
 * The request Auth.js sees for a sign-in or sign-out: addressed to the configured origin and carrying
 * only the headers it needs. @auth/sveltekit would otherwise copy every request header and take the
 * link's host from X-Forwarded-Host or Host, which anyone can forge (createActionURL in @auth/core).
 */
function eventAtOrigin(event: RequestEvent, fields: Record<string, string>): RequestEvent {
	const origin = new URL(publicOrigin());
	const headers = new Headers({ host: origin.host, 'content-type': 'application/x-www-form-urlencoded' });
	// The cookie carries the session and the language choice; Accept-Language the fallback language.
	for (const name of ['cookie', 'accept-language']) {
		const value = event.request.headers.get(name);
		if (value) headers.set(name, value);
	}
	const request = new Request(new URL(event.url.pathname, origin), {
		method: 'POST',
		headers,
		body: new URLSearchParams(fields)
	});
	return { ...event, request, url: new URL(request.url) };
}

/**
 * Auth.js ends a sign-in or sign-out with a 302; forms here answer 303, which every browser follows with
 * a GET, so a reload never posts again. Returns never: the form action ends here.
 */
async function redirectAfter(step: () => unknown): Promise<never> {
	try {
		await step();
	} catch (thrown) {
		if (isRedirect(thrown)) redirect(303, thrown.location);
		throw thrown;
	}
	throw new Error('Auth.js did not redirect');
}

/** Mails a sign-in link to the address, then redirects to the check-your-email page. */
export function sendSignInLink(event: RequestEvent, email: string, redirectTo: string) {
	return redirectAfter(() =>
		auth.signIn(eventAtOrigin(event, { providerId: 'nodemailer', email, redirectTo }))
	);
}

/** The signed-in browser's session token, as its cookie holds it. */
export const sessionTokenOf = (event: Pick<RequestEvent, 'cookies'>) =>
	SESSION_COOKIES.map((name) => event.cookies.get(name)).find(Boolean) ?? null;

/** Ends the session, then redirects to the home page. */
export function endSession(event: RequestEvent) {
	return redirectAfter(() => auth.signOut(eventAtOrigin(event, { redirectTo: '/' })));
}
