import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs, signInByEmail, signInLinkFor, uniqueEmail, withDatabase } from './support/auth.ts';
import { ADMIN_EMAIL, APP_PORT } from './support/env.ts';

test('a newcomer signs in by email link, sets up a profile, signs out and signs in again', async ({
	page
}) => {
	const email = uniqueEmail('newcomer');
	await page.goto('/signin');
	await page.waitForLoadState('networkidle');
	await expectAccessible(page);
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	await expectAccessible(page);

	await page.goto(await signInLinkFor(email));

	await page.waitForLoadState('networkidle');
	await expect(page).toHaveURL(/\/welcome/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Each Other');
	const session = (await page.context().cookies()).find((c) => c.name === 'authjs.session-token');
	expect(session).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false }); // Secure comes with https
	await expect(
		page.getByText('Your email address and phone number are never shown on the board')
	).toBeVisible();
	await expectAccessible(page);

	// A name is required, and the error says so next to the field.
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await expect(page.getByLabel('Display name')).toBeFocused();
	await page.getByLabel('Display name').fill('Rosa P.');
	await page.getByLabel('Home neighborhood (optional)').selectOption({ label: 'Bushwick (West)' });
	await page.getByRole('checkbox', { name: 'Español' }).check();
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await expect(page).toHaveURL('/');

	const nav = page.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByRole('link', { name: 'Account' })).toBeVisible();
	await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
	await nav.getByRole('link', { name: 'Sign out' }).click();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Sign out' }).click();
	await expect(nav.getByRole('link', { name: 'Sign in' })).toBeVisible();

	await signInByEmail(page, email, 2);
	await expect(page).toHaveURL('/');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Account' }).click();
	await expect(page.getByLabel('Display name')).toHaveValue('Rosa P.');
});

test('the check-email page names the address only to the browser that asked', async ({ page, browser }) => {
	const email = uniqueEmail('typo');
	await page.goto('/signin');
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByText(`We sent a sign-in link to ${email}.`)).toBeVisible();
	expect(page.url()).not.toContain(email.split('@')[0]!);
	// This server has SMTP, so the mail went out: no word about a terminal.
	await expect(page.getByText('printed in the terminal')).toHaveCount(0);

	const stranger = await browser.newPage();
	await stranger.goto(page.url());
	await expect(stranger.getByText('We sent a sign-in link to your email address.')).toBeVisible();
	await expect(stranger.getByText(email)).toHaveCount(0);
	await stranger.close();
});

test('a used link is refused with a way forward', async ({ page }) => {
	const email = uniqueEmail('reuse');
	await signInByEmail(page, email);
	await expect(page).toHaveURL(/\/welcome/);
	const link = await signInLinkFor(email);
	await page.context().clearCookies();
	await page.goto(link);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("That sign-in link didn't work");
	await expect(page.getByText('The link has expired or was already used.')).toBeVisible();
	await expectAccessible(page);
});

test('asking for too many links is refused with when to try again, not an error page', async ({ page }) => {
	const email = uniqueEmail('limited');
	for (let i = 0; i < 5; i++) {
		await page.goto('/signin');
		await page.waitForLoadState('networkidle');
		await page.getByLabel('Email address').fill(email);
		await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Check your email');
	}
	await page.goto('/signin');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email address').fill(email);
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('alert')).toContainText(
		/Too many sign-in links were asked for\. Please try again in \d+ minutes\./
	);
	await expect(page.getByLabel('Email address')).toHaveValue(email);
	await expectAccessible(page);
});

test('an address that is not an email gets a message that says how to fix it', async ({ page }) => {
	await page.goto('/signin');
	await page.waitForLoadState('networkidle');
	await page.getByLabel('Email address').evaluate((input: HTMLInputElement) => (input.type = 'text'));
	await page.getByLabel('Email address').fill('not-an-email');
	await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
	await expect(page.getByRole('alert')).toHaveText('Enter an email address like name@example.com.');
});

test('ADMIN_EMAILS makes an admin at sign-in; the admin page grants and revokes network roles', async ({
	page,
	browser
}) => {
	const helper = await browser.newContext();
	const neighbor = await signInAs(helper, 'neighbor', 'Helper Person');
	await helper.close();

	await signInByEmail(page, ADMIN_EMAIL);
	if (page.url().includes('/welcome')) {
		await page.getByLabel('Display name').fill('Site Admin');
		await page.getByRole('button', { name: 'Save and continue' }).click();
	}
	await expect(page).toHaveURL('/');
	await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Admin' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Admin');
	await expectAccessible(page);

	await page.getByLabel('Their email address').fill(neighbor.email);
	await page.getByRole('button', { name: 'Find', exact: true }).click();
	await expect(page.getByRole('heading', { level: 2, name: 'Helper Person' })).toBeVisible();
	await page
		.getByLabel('Network', { exact: true })
		.selectOption({ label: 'Astoria Mutual Aid Network (AMAN)' });
	await page.getByLabel('Role', { exact: true }).selectOption('MODERATOR');
	await page.getByRole('button', { name: 'Give role' }).click();
	const role = page
		.getByRole('listitem')
		.filter({ hasText: 'Moderator · Astoria Mutual Aid Network (AMAN)' });
	await expect(role).toBeVisible();
	await expectAccessible(page);

	await role.getByRole('button', { name: /Remove Moderator role in Astoria/ }).click();
	await page.getByRole('button', { name: 'Remove role' }).click();
	await expect(role).toHaveCount(0);
	await expect(page.getByText('None', { exact: true })).toBeVisible();
});

test('the admin page is a 404 with no data for a signed-in neighbor and for a visitor', async ({
	page,
	context
}) => {
	for (const signedIn of [false, true]) {
		if (signedIn) await signInAs(context, { network: 'bed-stuy-strong', role: 'ORGANIZER' });
		const response = await page.goto('/admin');
		expect(response?.status()).toBe(404);
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
		await expect(page.getByText('admin@example.org')).toHaveCount(0);
	}
	const post = await page.request.post('/admin?/grant', {
		form: { userId: 'x', networkId: '1', role: 'ORGANIZER' },
		headers: { origin: `http://localhost:${APP_PORT}` }
	});
	expect(post.status()).toBe(404);
});

test('account pages send a visitor to sign in and bring them back', async ({ page }) => {
	await page.goto('/account');
	await page.waitForLoadState('networkidle');
	await expect(page).toHaveURL('/signin?next=%2Faccount');
	const download = await page.request.get('/account/data', { maxRedirects: 0 });
	expect(download.status()).toBe(303);
});

test('someone edits their profile, downloads their data, then deletes their account', async ({
	page,
	context
}) => {
	const me = await signInAs(context, 'neighbor', 'Delia');
	await page.goto('/account');
	await page.waitForLoadState('networkidle');
	await expect(page.getByText(`Signed in as ${me.email}`)).toBeVisible();
	await expectAccessible(page);

	await page.getByLabel('Phone number (optional)').fill('not a phone');
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	await expect(page.getByText('Enter a phone number using digits').first()).toBeVisible();
	await page.getByLabel('Phone number (optional)').fill('+1 718 555 0142');
	await page.getByRole('radio', { name: 'Español' }).check();
	await page.getByRole('button', { name: 'Save', exact: true }).click();
	// Choosing Spanish for the site switches it at once.
	await expect(page.getByRole('status')).toHaveText('Tu perfil está guardado.');
	await expect(page.locator('html')).toHaveAttribute('lang', 'es');
	await expectAccessible(page);

	const response = await page.request.get('/account/data');
	expect(response.headers()['content-disposition']).toContain('attachment');
	const data = await response.json();
	expect(data.account).toMatchObject({
		email: me.email,
		name: 'Delia',
		phone: '+1 718 555 0142',
		uiLocale: 'es'
	});

	await page.getByRole('button', { name: 'Borrar mi cuenta' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'Marca la casilla para confirmar que quieres borrar tu cuenta.'
	);
	await page.getByRole('checkbox', { name: 'Entiendo que no se puede deshacer' }).check();
	await page.getByRole('button', { name: 'Borrar mi cuenta' }).click();
	await expect(page).toHaveURL('/account/deleted');
	await expect(page.getByRole('status')).toContainText('Tu cuenta fue borrada.');
	await expectAccessible(page);

	await page.goto('/account');

	await page.waitForLoadState('networkidle');
	await expect(page).toHaveURL(/\/signin/);
	const row = await withDatabase((db) =>
		db.query('SELECT email, name, phone FROM users WHERE id = $1', [me.userId])
	);
	expect(row.rows[0]).toEqual({ email: null, name: null, phone: null });
});
