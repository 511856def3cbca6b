import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { startSmtpSink } from '../support/smtp-sink.ts';
import { chromiumExecutable } from './support/chromium.ts';
import { MAILBOX_DIR, SMTP_PORT } from './support/env.ts';

async function checkChromium() {
	if (chromiumExecutable()) return;
	try {
		const browser = await chromium.launch();
		await browser.close();
	} catch {
		throw new Error(
			"No Chromium found for the browser tests. Install Debian's with `apt-get install -y chromium`, " +
				'or set CHROME_PATH to a Chromium or Chrome binary.'
		);
	}
}

/** A real SMTP server for the app to send to; each message lands in MAILBOX_DIR for the tests to read. */
export default async function globalSetup() {
	await checkChromium();
	rmSync(MAILBOX_DIR, { recursive: true, force: true });
	mkdirSync(MAILBOX_DIR, { recursive: true });
	let count = 0;
	const sink = await startSmtpSink(SMTP_PORT, (mail) => {
		writeFileSync(path.join(MAILBOX_DIR, `${Date.now()}-${++count}.json`), JSON.stringify(mail));
	});
	return () => sink.close();
}
