// RSS and Atom feeds of open posts, per neighborhood and per network, made with the `feed` library.
// Items carry what the board shows publicly: no names, no contact details, no user ids.
import { Feed } from 'feed';
import { escapeHtml } from '../http/html.ts';
import type { BoardRow } from './board.ts';

export interface FeedSource {
	title: string;
	/** The page the feed follows, e.g. https://example.org/neighborhoods/bushwick-west */
	pageUrl: string;
	origin: string;
	locale: string;
	posts: BoardRow[];
	describe: (post: BoardRow) => string;
}

// Feed readers treat titles and descriptions as HTML (Atom says so: type="html"), so text is escaped.
export function buildFeed({ title, pageUrl, origin, locale, posts, describe }: FeedSource) {
	const feed = new Feed({
		title: escapeHtml(title),
		id: pageUrl,
		link: pageUrl,
		language: locale,
		copyright: 'Each Other',
		updated: posts[0]?.createdAt ?? new Date(0),
		feedLinks: { rss: `${pageUrl}/rss.xml`, atom: `${pageUrl}/atom.xml` }
	});
	for (const post of posts) {
		const link = `${origin}/posts/${post.id}`;
		feed.addItem({
			title: escapeHtml(post.title),
			id: link,
			link,
			date: post.createdAt,
			description: escapeHtml(describe(post))
		});
	}
	return feed;
}

export function feedResponse(feed: Feed, format: 'rss' | 'atom') {
	const body = format === 'rss' ? feed.rss2() : feed.atom1();
	return new Response(body, {
		headers: {
			'content-type':
				format === 'rss' ? 'application/rss+xml; charset=utf-8' : 'application/atom+xml; charset=utf-8',
			'cache-control': 'public, max-age=300'
		}
	});
}
