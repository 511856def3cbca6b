// Starts the app's services once per process and stops them cleanly on shutdown, so the embedded
// database's files are closed properly (an interrupted PGlite would have to recover at next start).
import { initAuth } from './auth/index.ts';
import { outreachConfig, publicOrigin } from './config.ts';
import { startOutreachPacer } from './distributions/outreach.ts';
import { startScheduledJobs } from './jobs.ts';
import { startMailWorker } from './mail/index.ts';
import { startPushWorker } from './push/index.ts';
import { startSmsWorker } from './sms/index.ts';
import { startServices } from './startup.ts';
import { logLine } from './log.ts';

type Services = Awaited<ReturnType<typeof startServices>>;

/**
 * The scheduled jobs and the comparison of places with the directory wait this long after a start:
 * run at once, their first queries (each compiled by Prisma on first use) took the CPU from the first
 * pages, which a restarted instance behind a proxy serves right away.
 */
const BACKGROUND_AFTER_MS = 5_000;

const globalState = globalThis as typeof globalThis & { eachOtherServices?: Promise<Services> };

async function start(dev: boolean): Promise<Services> {
	const services = await startServices(logLine, { seedAfterMs: BACKGROUND_AFTER_MS });
	await initAuth();
	const stopMail = startMailWorker();
	const stopTexts = startSmsWorker();
	const stopPush = startPushWorker();
	const stopJobs = startScheduledJobs(publicOrigin(), { firstRunAfterMs: BACKGROUND_AFTER_MS });
	const stopOutreach = startOutreachPacer(publicOrigin(), outreachConfig().textsPerSecond);
	const stop = async () => {
		await stopJobs();
		stopOutreach();
		await stopMail();
		await stopTexts();
		await stopPush();
		await services.stop();
		logLine('Database closed.');
	};
	if (dev) {
		for (const signal of ['SIGINT', 'SIGTERM'] as const) {
			process.once(signal, () => {
				void stop().finally(() => process.exit(0));
			});
		}
	} else {
		// adapter-node emits this after it has stopped accepting requests on SIGINT/SIGTERM.
		process.once('sveltekit:shutdown', () => void stop());
	}
	return services;
}

export function startApp(dev: boolean): Promise<Services> {
	// Vite's dev server may evaluate this module again after an edit; one database per process.
	globalState.eachOtherServices ??= start(dev);
	return globalState.eachOtherServices;
}
