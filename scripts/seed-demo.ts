// npm run seed:demo -- --posts N: adds N realistic demo posts (default 200) to DATABASE_URL or the
// embedded database. Stop the app first when using the embedded database: only one process may open it.
import { parseArgs } from 'node:util';
import { databaseConfig } from '../src/lib/server/config.ts';
import { connectDatabase, disconnectDatabase } from '../src/lib/server/db/index.ts';
import { seedPlaces } from '../src/lib/server/places/seed.ts';
import { seedDemoPosts } from '../src/lib/server/posts/demo.ts';
import { migrate, openDatabase } from '../src/lib/server/startup.ts';

const { values } = parseArgs({ options: { posts: { type: 'string', default: '200' } } });
const count = Number(values.posts);
if (!Number.isInteger(count) || count < 1) {
	console.error(`--posts must be a whole number above 0, got "${values.posts}"`);
	process.exit(1);
}

const database = await openDatabase();
try {
	await migrate(database.url);
	connectDatabase(database.url, databaseConfig().poolSize);
	await seedPlaces();
	const started = Date.now();
	await seedDemoPosts(count);
	console.log(`Added ${count} demo posts in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
} finally {
	await disconnectDatabase();
	await database.stop();
}
