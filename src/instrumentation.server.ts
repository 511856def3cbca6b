// Runs before the app's code is loaded (kit.experimental.instrumentation in svelte.config.js), so the
// embedded database starts on its own thread while the app loads; the init hook takes it from there.
// Not in development: Vite loads this file again whenever a module it imports changes, which would
// start a second database on the same folder.
import { dev } from '$app/environment';
import { startDatabaseEarly } from '$lib/server/db/embedded';

if (!dev) startDatabaseEarly();
