import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './tests/e2e/support/chromium.ts';
import {
	ADMIN_EMAIL,
	APP_PORT,
	EMBEDDED_DB_PORT,
	METRICS_TOKEN,
	SMS_URL,
	SMTP_PORT
} from './tests/e2e/support/env.ts';

const PORT = APP_PORT;

const executablePath = chromiumExecutable();

export default defineConfig({
	testDir: 'tests/e2e',
	fullyParallel: false,
	workers: 1,
	forbidOnly: true,
	retries: 0,
	reporter: 'list',
	globalSetup: './tests/e2e/global-setup.ts',
	use: {
		baseURL: `http://localhost:${PORT}`,
		// CI keeps only what it prints, and recording a trace of every test (screenshots and DOM
		// snapshots at each step) costs the browser more than many tests take.
		trace: process.env.CI ? 'off' : 'retain-on-failure',
		// A service worker installs in every new browser context and fetches beside the test; only
		// pwa.spec.ts, which tests it, lets it in.
		serviceWorkers: 'block',
		launchOptions: {
			executablePath,
			// Without these, Chromium keeps trying to reach Google's services, which this network refuses.
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [
		{ name: 'chromium', testIgnore: /headers\.spec\.ts$/, use: { ...devices['Desktop Chrome'] } },
		// headers.spec.ts asserts that no row anywhere changed while it ran, so it runs alone, after the
		// rest (run it by itself with --no-deps).
		{
			name: 'alone',
			testMatch: /headers\.spec\.ts$/,
			dependencies: ['chromium'],
			use: { ...devices['Desktop Chrome'] }
		}
	],
	webServer: {
		// A fresh embedded database per run unless DATABASE_URL points the app elsewhere.
		command: 'rm -rf .data/e2e && node scripts/start.js',
		url: `http://localhost:${PORT}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: {
			...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			DATA_DIR: '.data/e2e',
			EMBEDDED_DB_PORT: String(EMBEDDED_DB_PORT),
			SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
			SMS_URL,
			ADMIN_EMAILS: ADMIN_EMAIL,
			AUTH_SECRET: 'e2e-only-secret-not-for-production-use-000000',
			MAIL_POLL_MS: '500',
			MAIL_RETRY_BASE_MS: '500',
			// The fake provider has no rate limit: a day's invitations go out in a second, not seven.
			OUTREACH_TEXTS_PER_SECOND: '25',
			METRICS_TOKEN,
			// One line per request would bury the failures in CI's output.
			LOG_LEVEL: 'warn',
			// Specs write posts straight into the database and then read pages anonymously, as no visitor
			// can; with the cache those pages could be up to 5 s old. page-cache.spec.ts runs an instance
			// with it on.
			PAGE_CACHE: 'off'
		}
	}
});
