import { defineConfig, devices } from '@playwright/test';
import { chromiumExecutable } from './tests/e2e/support/chromium.ts';

const PORT = 4173;

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
		trace: 'retain-on-failure',
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
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
	webServer: {
		// A fresh embedded database per run unless DATABASE_URL points the app elsewhere.
		command: 'rm -rf .data/e2e && node scripts/start.js',
		url: `http://localhost:${PORT}/healthz`,
		timeout: 240_000,
		reuseExistingServer: false,
		stdout: 'pipe',
		env: { PORT: String(PORT), DATA_DIR: '.data/e2e', ORIGIN: `http://localhost:${PORT}` }
	}
});
