import { chromium } from '@playwright/test';
import { chromiumExecutable } from './support/chromium.ts';

/** Fails early, saying what to install, when there is no Chromium to drive. */
export default async function globalSetup() {
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
