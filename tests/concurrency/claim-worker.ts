// One "app instance" in the claim-cap test: connects to DATABASE_URL and has one volunteer answer
// every post named at once. Prints how many claims it made and how many the cap refused.
import { ClaimError, createClaim } from '../../src/lib/server/claims/lifecycle.ts';
import { connectDatabase, disconnectDatabase } from '../../src/lib/server/db/index.ts';

const [url, claimantId, ...postIds] = process.argv.slice(2);
connectDatabase(url!, 10);
const results = await Promise.allSettled(
	postIds.map((id) => createClaim(Number(id), claimantId!, 'I can help', 'http://test'))
);
const won = results.filter((r) => r.status === 'fulfilled').length;
const capped = results.filter(
	(r) => r.status === 'rejected' && r.reason instanceof ClaimError && r.reason.problem === 'cap'
).length;
const unexpected = results.filter(
	(r) => r.status === 'rejected' && !(r.reason instanceof ClaimError && r.reason.problem === 'cap')
);
await disconnectDatabase();
console.log(
	JSON.stringify({
		won,
		capped,
		unexpected: unexpected.map((r) => String((r as PromiseRejectedResult).reason))
	})
);
