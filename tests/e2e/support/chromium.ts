import { existsSync } from 'node:fs';

/**
 * Debian's Chromium (or CHROME_PATH). Playwright cannot download its own browser on offline machines;
 * undefined falls back to Playwright's, if someone installed it with `npx playwright install chromium`.
 */
export function chromiumExecutable(): string | undefined {
	const candidates = [process.env.CHROME_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
	return candidates.find((candidate): candidate is string => !!candidate && existsSync(candidate));
}
