// The feed endpoints of neighborhood and network pages.
import { error, type RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { publicOrigin } from '../config.ts';
import { getNeighborhood, getNetwork } from '../places/index.ts';
import { listBoard, parseBoardFilters } from './board.ts';
import { buildFeed, feedResponse } from './feeds.ts';

const FEED_SIZE = 50;

export async function placeFeed(event: RequestEvent, place: 'neighborhood' | 'network') {
	const slug = event.params.slug ?? '';
	const format = event.params.format === 'atom.xml' ? 'atom' : 'rss';
	const found = place === 'neighborhood' ? await getNeighborhood(slug) : await getNetwork(slug);
	if (!found) error(404, 'Not found');
	const filters = parseBoardFilters(new URLSearchParams({ [place]: slug, limit: String(FEED_SIZE) }));
	const { posts } = await listBoard(filters);
	const locale = getLocale();
	// Feeds are cached and copied into readers; their links must not depend on a request's Host.
	const origin = publicOrigin();
	const feed = buildFeed({
		title:
			place === 'neighborhood'
				? m.feed_neighborhood_title({ name: found.name }, { locale })
				: m.feed_network_title({ name: found.name }, { locale }),
		pageUrl: `${origin}/${place === 'neighborhood' ? 'neighborhoods' : 'networks'}/${slug}`,
		origin,
		locale,
		posts,
		describe: (post) =>
			`${m[`kind_${post.kind}`]({}, { locale })} · ${post.neighborhoodName} · ${post.networkName}`
	});
	return feedResponse(feed, format);
}
