// One "app instance" in the double-claim test: connects to DATABASE_URL and fires accepts at once.
// Prints how many of its accepts won.
import { acceptClaim, ClaimError } from '../../src/lib/server/claims/lifecycle.ts';
import { connectDatabase, disconnectDatabase } from '../../src/lib/server/db/index.ts';

const [url, ...ids] = process.argv.slice(2);
connectDatabase(url!, 10);
const results = await Promise.allSettled(ids.map((id) => acceptClaim(Number(id), 'http://test')));
const won = results.filter((r) => r.status === 'fulfilled').length;
const unexpected = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof ClaimError));
await disconnectDatabase();
console.log(
	JSON.stringify({ won, unexpected: unexpected.map((r) => String((r as PromiseRejectedResult).reason)) })
);
