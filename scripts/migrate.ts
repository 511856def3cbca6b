// npm run db:migrate: applies pending migrations to DATABASE_URL, or to the embedded database.
import { migrate, openDatabase } from '../src/lib/server/startup.ts';

const database = await openDatabase();
try {
	const applied = await migrate(database.url);
	console.log(applied.length ? `${applied.length} migration(s) applied.` : 'The database is up to date.');
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exitCode = 1;
} finally {
	await database.stop();
}
