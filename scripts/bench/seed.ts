// Seeding for the benchmark at a million posts: the demo posts of seed:demo, inserted as columns of
// arrays (one INSERT per 20,000 posts) rather than through createMany, which is ten times slower here.
import { Prisma } from '../../src/lib/server/db/generated/client.ts';
import { db } from '../../src/lib/server/db/index.ts';
import { demoPostBatches } from '../../src/lib/server/posts/demo.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

export async function bulkSeedDemoPosts(count: number, log: (line: string) => void) {
	const batches = await demoPostBatches(count, 20_000);
	let done = 0;
	for (const rows of batches()) {
		const column = <T>(read: (row: (typeof rows)[number]) => T) => rows.map(read);
		// timestamp(3) columns hold UTC; a zone in the text is ignored by the cast, as Prisma writes them.
		await db.$executeRaw(Prisma.sql`
			INSERT INTO posts (kind, title, details, category, neighborhood_id, network_id, network_is_fallback,
			                   time_window, due_at, quantity, ongoing, languages, language, author_id, created_at,
			                   updated_at, expires_at, network_notified_at)
			SELECT kind::"PostKind", title, details, category::"PostCategory", neighborhood, network, fallback,
			       time_window::"TimeWindow", due::timestamp, quantity, ongoing, string_to_array(languages, ','), language,
			       author, created::timestamp, created::timestamp, expires::timestamp, created::timestamp
			  FROM unnest(${column((r) => r.kind)}::text[], ${column((r) => r.title)}::text[],
			              ${column((r) => r.details)}::text[], ${column((r) => r.category)}::text[],
			              ${column((r) => r.neighborhoodId)}::int[], ${column((r) => r.networkId)}::int[],
			              ${column((r) => r.networkIsFallback ?? false)}::boolean[],
			              ${column((r) => r.timeWindow)}::text[], ${column((r) => iso(r.dueAt))}::text[],
			              ${column((r) => r.quantity ?? null)}::int[], ${column((r) => r.ongoing ?? false)}::boolean[],
			              ${column((r) => (r.languages as string[]).join(','))}::text[],
			              ${column((r) => r.language ?? 'en')}::text[],
			              ${column((r) => r.authorId)}::text[], ${column((r) => iso(r.createdAt!))}::text[],
			              ${column((r) => iso(r.expiresAt))}::text[])
			       AS t(kind, title, details, category, neighborhood, network, fallback, time_window, due,
			            quantity, ongoing, languages, language, author, created, expires)`);
		done += rows.length;
		log(`  ${done} / ${count} posts`);
	}
	// A real board's table holds its posts in the order they were written, which is the order of their
	// dates; the demo's dates are random within each batch. Without this, every walk down the board
	// reads a block per post, as no real board does (at a million posts, "zzzz" took 5.8 ms, not 4.1).
	await db.$executeRawUnsafe('CLUSTER posts USING posts_status_created_at_id_idx');
}

/**
 * The reminder job's state after it has run: every post expiring within the window was reminded.
 * Run before timing the job's query, since the kept database's posts come due as days pass.
 */
export async function markRemindersSent() {
	await db.$executeRaw`UPDATE posts SET reminder_sent_at = now()
		WHERE status = 'OPEN' AND reminder_sent_at IS NULL AND expires_at <= now() + interval '3 days'`;
}
