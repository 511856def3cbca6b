// The public, machine-readable shape of a post (API and feeds): what the board shows, nothing personal.
import type { BoardRow } from './board.ts';

export function publicPost(post: BoardRow, origin: string) {
	return {
		id: post.id,
		url: `${origin}/posts/${post.id}`,
		kind: post.kind,
		title: post.title,
		category: post.category,
		timeWindow: post.timeWindow,
		neededBy: post.neededBy?.toISOString().slice(0, 10) ?? null,
		quantity: post.kind === 'OFFER' ? (post.ongoing ? 'ongoing' : post.quantity) : null,
		remaining: post.remaining,
		// A repeating request lists each occurrence on its own; `series` ties them together.
		series: post.seriesId,
		occursOn: post.occursOn?.toISOString().slice(0, 10) ?? null,
		createdAt: post.createdAt.toISOString(),
		neighborhood: { name: post.neighborhoodName, slug: post.neighborhoodSlug, borough: post.boroughName },
		network: { name: post.networkName, slug: post.networkSlug, fallback: post.networkIsFallback }
	};
}
