// Boroughs, neighborhoods and the network list change a few times a month and nearly every page reads
// them, so each app instance keeps them in memory and a page costs a query only for its own content.
//
// Several instances share one PostgreSQL, so a copy here can go stale when another instance writes.
// Chosen: a short TTL plus immediate local invalidation. An edit clears this instance's copy as soon as
// its transaction commits, so the organizer who made it sees it at once; the other instances drop theirs
// within TTL_MS. (A version row checked every second would be fresher elsewhere but adds a statement to
// pages and a write to every edit; half a minute is fine for a directory.)
const TTL_MS = 30_000;

const entries = new Map<string, { expires: number; value: Promise<unknown> }>();

/**
 * The value under `key`, loaded at most once per TTL. Callers share what it returns: read it, never
 * change it.
 */
export function cachedReference<T>(key: string, load: () => Promise<T>): Promise<T> {
	const now = Date.now();
	const hit = entries.get(key);
	if (hit && hit.expires > now) return hit.value as Promise<T>;
	// A real promise: a Prisma query is lazy, and each `then` on it could run it again.
	const value = Promise.resolve().then(load);
	entries.set(key, { expires: now + TTL_MS, value });
	// A failed load is not kept: the next page tries again. Only this entry, not one loaded since.
	value.catch(() => entries.get(key)?.value === value && entries.delete(key));
	return value;
}

/** Call after an edit to boroughs, neighborhoods, networks or coverage has committed. */
export function referenceDataChanged() {
	entries.clear();
}
