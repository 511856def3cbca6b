// Intake by text in a real browser: a neighbor texts a network's own number (a signed inbound webhook,
// as the provider sends it), the network's moderator completes the draft and posts it, and the
// neighbor gets a text on receipt and when it is posted. Another network's moderator gets a 404. Their
// next text goes onto the network's household roster instead.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import twilio from 'twilio';
import type { SentText } from '../support/fake-sms.ts';
import { expectAccessible } from './support/axe.ts';
import { withDatabase } from './support/auth.ts';
import { APP_PORT, SMS_ACCOUNT, SMS_NETWORK_NUMBER, TEXTS_DIR } from './support/env.ts';
import { signedInPage } from './support/people.ts';

const RUN = `ti${Date.now().toString(36)}`;
const NETWORK_NUMBER = SMS_NETWORK_NUMBER;
const NEIGHBOR = '+1347555' + String(4000 + (Date.now() % 1000)).padStart(4, '0');
const ORIGIN = `http://localhost:${APP_PORT}`;

const textsTo = (number: string): SentText[] =>
	readdirSync(TEXTS_DIR)
		.sort()
		.map((file) => JSON.parse(readFileSync(path.join(TEXTS_DIR, file), 'utf8')) as SentText)
		.filter((text) => text.to === number);

async function inbound(body: string) {
	const url = `${ORIGIN}/sms/inbound`;
	const fields = { MessageSid: `SM${RUN}`, From: NEIGHBOR, To: NETWORK_NUMBER, Body: body };
	return fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'x-twilio-signature': twilio.getExpectedTwilioSignature(SMS_ACCOUNT.authToken, url, fields)
		},
		body: new URLSearchParams(fields)
	});
}

test('a neighbor texts the network, a moderator posts it for them, and they are texted', async ({
	browser
}) => {
	test.setTimeout(120_000);
	await withDatabase((client) =>
		client.query(
			`UPDATE networks SET sms_number = CASE WHEN slug = 'bushwick-ayuda-mutua' THEN $1 ELSE NULL END
			  WHERE slug = 'bushwick-ayuda-mutua' OR sms_number = $1`,
			[NETWORK_NUMBER]
		)
	);
	const moderator = await signedInPage(
		browser,
		{ network: 'bushwick-ayuda-mutua', role: 'MODERATOR' },
		`Marta ${RUN}`
	);
	const outsider = await signedInPage(
		browser,
		{ network: 'astoria-mutual-aid-network', role: 'MODERATOR' },
		`Olga ${RUN}`
	);

	expect((await inbound(`Necesito comida para mi familia ${RUN}`)).status).toBe(200);
	await expect.poll(() => textsTo(NEIGHBOR).length, { timeout: 20_000 }).toBe(1);
	expect(textsTo(NEIGHBOR)[0]).toMatchObject({ from: NETWORK_NUMBER });
	expect(textsTo(NEIGHBOR)[0]!.body).toContain('recibimos tu pedido');

	await moderator.page.goto('/moderate/intake');
	await expectAccessible(moderator.page);
	await moderator.page.getByRole('link', { name: `Complete the request from ${NEIGHBOR}` }).click();
	await expect(moderator.page.getByRole('heading', { level: 1 })).toHaveText('Request by text');
	await expect(moderator.page.getByText(`Necesito comida para mi familia ${RUN}`).first()).toBeVisible();
	await expectAccessible(moderator.page);
	const draftPath = new URL(moderator.page.url()).pathname;

	expect((await outsider.page.goto(draftPath))?.status()).toBe(404);
	await outsider.page.goto('/moderate/intake');
	await expect(outsider.page.getByText(NEIGHBOR)).toHaveCount(0);

	await moderator.page.getByLabel("Neighbor's name").fill('Doña Ana');
	await moderator.page.getByRole('radio', { name: 'I need something' }).check();
	await moderator.page.getByLabel('Title').fill(`Comida para Ana ${RUN}`);
	await moderator.page.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await moderator.page.getByLabel('Neighborhood').selectOption({ label: 'Bushwick (West)' });
	await moderator.page.getByRole('button', { name: 'Post it' }).click();
	await expect(moderator.page.getByRole('status')).toHaveText('Your post is on the board.');
	const postPath = new URL(moderator.page.url()).pathname;

	await expect.poll(() => textsTo(NEIGHBOR).length, { timeout: 20_000 }).toBe(2);
	expect(textsTo(NEIGHBOR)[1]!.body).toContain(`${ORIGIN}${postPath}`);
	expect((await moderator.page.goto(draftPath))?.status()).toBe(404);

	// They text again, for what the network hands out itself: the draft goes onto its household roster.
	expect((await inbound(`También necesito arroz y frijoles para mis hijos ${RUN}`)).status).toBe(200);
	await expect.poll(() => textsTo(NEIGHBOR).length, { timeout: 20_000 }).toBe(3);
	await moderator.page.goto('/moderate/intake');
	await moderator.page.getByRole('link', { name: `Complete the request from ${NEIGHBOR}` }).click();
	await moderator.page.getByLabel('Name or alias').fill(`Doña Ana ${RUN}`);
	await moderator.page.getByLabel('Kind of request').selectOption({ label: 'Groceries & food' });
	await moderator.page.getByRole('button', { name: 'Add the request to the roster' }).click();
	await expect(moderator.page.getByRole('status')).toHaveText('Request opened.');
	await expect(moderator.page.getByRole('heading', { level: 1 })).toHaveText(`Doña Ana ${RUN}`);
	await expect(moderator.page.getByRole('heading', { level: 3 })).toHaveText(['Groceries & food: open']);
	await expect.poll(() => textsTo(NEIGHBOR).length, { timeout: 20_000 }).toBe(4);
	expect(textsTo(NEIGHBOR)[3]).toMatchObject({ from: NETWORK_NUMBER });
	expect(textsTo(NEIGHBOR)[3]!.body).toContain('en nuestra lista');
});
