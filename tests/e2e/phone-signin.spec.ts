// Signing in by phone in a real browser, with the app texting through the fake Twilio-compatible
// provider (tests/support/fake-sms.ts, started by global-setup): the code from the text, then the
// texted link in the same browser, each ending in a session that Account shows and sign-out ends.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { SentText } from '../support/fake-sms.ts';
import { expectAccessible } from './support/axe.ts';
import { TEXTS_DIR } from './support/env.ts';

const textsTo = (number: string): SentText[] =>
	readdirSync(TEXTS_DIR)
		.sort()
		.map((file) => JSON.parse(readFileSync(path.join(TEXTS_DIR, file), 'utf8')) as SentText)
		.filter((text) => text.to === number);

async function nthTextTo(number: string, count: number): Promise<SentText> {
	await expect
		.poll(() => textsTo(number).length, { timeout: 20_000, message: `text to ${number}` })
		.toBe(count);
	return textsTo(number)[count - 1]!;
}

async function askForCode(page: Page, typed: string) {
	await page.goto('/signin');
	await page.getByLabel('Phone number').fill(typed);
	await page.getByRole('button', { name: 'Text me a code' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Enter your code');
}

test('a neighbor signs in with a texted code, and again with the texted link', async ({ page }) => {
	const number = '+1718555' + String(100 + (Date.now() % 100)).padStart(4, '0');
	const typed = `(718) 555-${number.slice(-4)}`;

	await page.goto('/signin');
	await expectAccessible(page);
	await askForCode(page, typed);
	await expect(page.getByText(`We texted a 6-digit code to •••${number.slice(-4)}.`)).toBeVisible();
	await expectAccessible(page);

	const first = await nthTextTo(number, 1);
	const code = /\b(\d{6})\b/.exec(first.body)![1]!;
	await page.getByLabel('6-digit code').fill(code === '000000' ? '111111' : '000000');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByRole('alert')).toHaveText('That code is not right. Check the text and try again.');
	await expectAccessible(page);
	await page.getByLabel('6-digit code').fill(code);
	await page.getByRole('button', { name: 'Sign in' }).click();

	// A new account finishes the short profile first, like one made by an email link.
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Welcome to Each Other');
	await page.getByLabel('Display name').fill('Texting Neighbor');
	await page.getByRole('button', { name: 'Save and continue' }).click();
	await page.goto('/account');
	await expect(page.getByText(`Signed in with ${number}`)).toBeVisible();
	await expect(page.getByText(`Your number: ${number}. Only you can see it.`)).toBeVisible();
	await expectAccessible(page);

	await page.context().clearCookies();
	await askForCode(page, typed);
	const link = /https?:\/\/\S+/.exec((await nthTextTo(number, 2)).body)![0];
	await page.goto(link);
	await page.goto('/account');
	await expect(page.getByText(`Signed in with ${number}`)).toBeVisible();
});
