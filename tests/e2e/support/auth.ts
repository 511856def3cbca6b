// Signing in for tests. Most tests seed a user and a session straight into the database (fast, any
// role); one test goes through the real form, mail and link with signInByEmail.
import { randomBytes, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import pg from 'pg';
import { APP_PORT, databaseUrl, MAILBOX_DIR } from './env.ts';

export const SESSION_COOKIE = 'authjs.session-token';

export type Role = 'neighbor' | 'admin' | { network: string; role: 'ORGANIZER' | 'MODERATOR' };

export async function withDatabase<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: databaseUrl() });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

export const uniqueEmail = (label: string) => `${label}-${randomUUID().slice(0, 8)}@example.org`;

/** Creates a person with a finished profile and a live session; the session cookie is theirs to send. */
export async function seedSession(role: Role = 'neighbor', name = 'Test Neighbor') {
	const email = uniqueEmail(typeof role === 'string' ? role : role.role.toLowerCase());
	const sessionToken = randomBytes(32).toString('hex');
	const userId = await withDatabase(async (db) => {
		const id = randomUUID();
		await db.query(
			`INSERT INTO users (id, email, email_verified, name, languages, ui_locale, is_admin, profile_completed_at)
			 VALUES ($1, $2, now(), $3, '{en}', 'en', $4, now())`,
			[id, email, name, role === 'admin']
		);
		if (typeof role === 'object') {
			await db.query(
				`INSERT INTO network_memberships (user_id, network_id, role)
				 SELECT $1, id, $3 FROM networks WHERE slug = $2`,
				[id, role.network, role.role]
			);
		}
		await db.query(
			`INSERT INTO sessions (session_token, user_id, expires) VALUES ($1, $2, now() + interval '1 day')`,
			[sessionToken, id]
		);
		// Every browser in the suite comes from one address, where neighbors come from their own: a new
		// person starts with the rate-limit counts cleared, so the per-IP limits (30 posts an hour) count
		// one person's requests rather than the whole suite's. Keys are stored hashed, so the address's
		// own cannot be picked out; the suite runs one test at a time, and no test creates a person
		// between the attempts it counts. The limits are tested through the real actions in Vitest.
		await db.query('DELETE FROM rate_limit_windows');
		return id;
	});
	return { userId, email, name, sessionToken };
}

/** Creates a person with a finished profile and a live session, and gives the browser its cookie. */
export async function signInAs(context: BrowserContext, role: Role = 'neighbor', name = 'Test Neighbor') {
	const { sessionToken, ...person } = await seedSession(role, name);
	await context.addCookies([
		{
			name: SESSION_COOKIE,
			value: sessionToken,
			domain: 'localhost',
			path: '/',
			httpOnly: true,
			sameSite: 'Lax'
		}
	]);
	return person;
}

interface Mail {
	to: string[];
	subject: string;
	text: string;
}

function mailboxFor(address: string): Mail[] {
	return readdirSync(MAILBOX_DIR)
		.sort()
		.map((file) => JSON.parse(readFileSync(path.join(MAILBOX_DIR, file), 'utf8')) as Mail)
		.filter((mail) => mail.to.includes(address));
}

/** Waits until at least count messages to an address have arrived in the SMTP sink and returns them. */
export async function mailsTo(address: string, count = 1): Promise<Mail[]> {
	let mails: Mail[] = [];
	await expect
		.poll(() => (mails = mailboxFor(address)).length, { timeout: 20_000, message: `mail to ${address}` })
		.toBeGreaterThanOrEqual(count);
	return mails;
}

/** Waits for the count-th message to an address to arrive in the SMTP sink and returns its sign-in link. */
export async function signInLinkFor(address: string, count = 1): Promise<string> {
	const mails = await mailsTo(address, count);
	const link = mails[count - 1]!.text.match(/http:\/\/localhost:\d+\/auth\/callback\/nodemailer\S+/)?.[0];
	expect(link, 'a sign-in link in the mail').toBeTruthy();
	expect(new URL(link!).port).toBe(String(APP_PORT));
	return link!;
}

/** The real thing: the sign-in form, the mail through SMTP, the link. */
export async function signInByEmail(page: Page, email: string, count = 1) {
	await page.goto('/signin');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await page.goto(await signInLinkFor(email, count));
	await page.waitForLoadState('networkidle');
}
