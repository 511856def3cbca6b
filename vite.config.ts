import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { learnContent } from './src/lib/server/learn/vite-plugin.ts';

export default defineConfig({
	plugins: [
		paraglideVitePlugin({
			project: './project.inlang',
			outdir: './src/lib/paraglide',
			strategy: ['custom-request', 'baseLocale']
		}),
		learnContent(),
		sveltekit()
	],
	test: {
		include: ['src/**/*.test.ts', 'tests/routes/**/*.test.ts'],
		environment: 'node',
		globalSetup: ['tests/setup/database.ts'],
		// One shared database server: files run one after another so they never race on it.
		fileParallelism: false,
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 60_000
	}
});
