// npm run lighthouse: Lighthouse's mobile audit (a mid-range phone on a slow 4G connection, simulated)
// of the home page, the board and a post page, against the built app started as `npm start` would,
// plus Chrome's own installability check, which Lighthouse 12 no longer reports (it dropped its PWA
// category). Needs `npm run build` first and Chromium (CHROME_PATH, default /usr/bin/chromium).
// Not part of `npm test`: its scores move with the machine's load.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { db } from '../src/lib/server/db/index.ts';
import { startServices } from '../src/lib/server/startup.ts';
import { bulkSeedDemoPosts } from './bench/seed.ts';

const port = Number(process.env.LIGHTHOUSE_PORT || 4396);
const origin = `http://localhost:${port}`;
const chromePath = process.env.CHROME_PATH || '/usr/bin/chromium';
const RESULTS = '.data/lighthouse';
process.env.DATA_DIR ||= '.data/lighthouse-db';
const CHROME_FLAGS = [
	'--headless=new',
	'--no-sandbox',
	'--disable-gpu',
	'--no-first-run',
	'--disable-background-networking'
];

/** A board with posts on it, and the newest open post's address. */
async function prepare() {
	const services = await startServices(() => {});
	try {
		if ((await db.post.count()) < 60) await bulkSeedDemoPosts(60, () => {});
		const post = await db.post.findFirstOrThrow({ where: { status: 'OPEN' }, orderBy: { id: 'desc' } });
		return { '/': '/', '/board': '/board', 'post page': `/posts/${post.id}` };
	} finally {
		await services.stop();
	}
}

/** `npm start`'s command with its memory flags. */
const START = (
	JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }
).scripts.start
	.split(/\s+/)
	.slice(1);

async function startServer() {
	const child = spawn(process.execPath, START, {
		env: {
			...process.env,
			PORT: String(port),
			ORIGIN: origin,
			AUTH_SECRET: process.env.AUTH_SECRET || randomBytes(32).toString('base64'),
			LOG_LEVEL: 'warn'
		},
		stdio: ['ignore', 'ignore', 'inherit']
	});
	for (let waited = 0; waited < 300_000; waited += 200) {
		if (child.exitCode !== null) throw new Error(`The server exited (${child.exitCode})`);
		const ok = await fetch(`${origin}/healthz`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) return child;
		await new Promise((done) => setTimeout(done, 200));
	}
	throw new Error('The server did not answer within 5 minutes');
}

/** Chrome's own verdict, from a profile on disk (it never offers to install from an incognito one). */
async function installability(pagePath: string) {
	const profile = mkdtempSync(path.join(tmpdir(), 'lighthouse-profile-'));
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: chromePath,
		args: ['--no-sandbox', '--disable-gpu']
	});
	try {
		const page = await context.newPage();
		await page.goto(origin + pagePath);
		await page.evaluate(() => navigator.serviceWorker.ready);
		const cdp = await context.newCDPSession(page);
		const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
		return installabilityErrors.map((error) => error.errorId);
	} finally {
		await context.close();
		rmSync(profile, { recursive: true, force: true });
	}
}

const pages = await prepare();
const server = await startServer();
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
mkdirSync(RESULTS, { recursive: true });
const rows: Record<string, string | number>[] = [];
try {
	for (const [name, pagePath] of Object.entries(pages)) {
		const result = await lighthouse(origin + pagePath, {
			port: chrome.port,
			output: 'json',
			logLevel: 'error',
			onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo']
		});
		if (!result) throw new Error(`No Lighthouse result for ${pagePath}`);
		const { categories, audits } = result.lhr;
		writeFileSync(`${RESULTS}/${name.replace(/\W+/g, '-') || 'home'}.json`, result.report as string);
		const score = (id: string) => Math.round((categories[id]?.score ?? 0) * 100);
		const failing = Object.values(audits)
			.filter((audit) => audit.score !== null && audit.score < 1 && audit.scoreDisplayMode === 'binary')
			.map((audit) => audit.id);
		const errors = await installability(pagePath);
		rows.push({
			page: name,
			performance: score('performance'),
			accessibility: score('accessibility'),
			'best practices': score('best-practices'),
			SEO: score('seo'),
			'LCP (s)': Number(((audits['largest-contentful-paint']?.numericValue ?? 0) / 1000).toFixed(2)),
			'TBT (ms)': Math.round(audits['total-blocking-time']?.numericValue ?? 0),
			CLS: Number((audits['cumulative-layout-shift']?.numericValue ?? 0).toFixed(3)),
			installable: errors.length ? errors.join(', ') : 'yes',
			// Lighthouse's own CPU benchmark of this machine at the time: under ~1000 its simulated
			// phone is slower than a real one, and main-thread times (TBT) are inflated.
			'CPU benchmark': Math.round(result.lhr.environment.benchmarkIndex)
		});
		if (failing.length) console.log(`${name}: audits not passed: ${failing.join(', ')}`);
	}
} finally {
	chrome.kill();
	server.kill('SIGTERM');
}
console.table(rows);
