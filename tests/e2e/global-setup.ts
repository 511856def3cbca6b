import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startFakeSms } from '../support/fake-sms.ts';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { chromiumExecutable } from './support/chromium.ts';
import {
	MAILBOX_DIR,
	SMS_ACCOUNT,
	SMS_NETWORK_NUMBER,
	SMS_PORT,
	SMTP_PORT,
	TEXTS_DIR
} from './support/env.ts';

async function checkChromium() {
	if (chromiumExecutable()) return;
	try {
		const browser = await chromium.launch();
		await browser.close();
	} catch {
		throw new Error(
			"No Chromium found for the browser tests. Install Debian's with `apt-get install -y chromium-headless-shell` (or chromium), " +
				'or set CHROME_PATH to a Chromium or Chrome binary.'
		);
	}
}

/**
 * A real SMTP server and a fake SMS provider for the app to send to; each message lands in MAILBOX_DIR,
 * each text in TEXTS_DIR, for the tests to read.
 */
export default async function globalSetup() {
	await checkChromium();
	for (const dir of [MAILBOX_DIR, TEXTS_DIR]) {
		rmSync(dir, { recursive: true, force: true });
		mkdirSync(dir, { recursive: true });
	}
	let count = 0;
	const keep = (dir: string, item: unknown) =>
		writeFileSync(path.join(dir, `${Date.now()}-${++count}.json`), JSON.stringify(item));
	const sink = await startSmtpSink(SMTP_PORT, (mail) => keep(MAILBOX_DIR, mail));
	const sms = await startFakeSms({
		port: SMS_PORT,
		...SMS_ACCOUNT,
		numbers: [SMS_NETWORK_NUMBER],
		onSent: (text) => keep(TEXTS_DIR, text)
	});
	return async () => {
		await sink.close();
		await sms.close();
	};
}
