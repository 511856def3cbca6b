// A post's link preview says what it is and where: its title, need or offer, neighborhood and network.
// Nothing about who posted it, so an intake post never names the neighbor it was written for.
import type { RequestEvent } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages';
import type { PostKind } from '$lib/posts';
import { linkPreview } from '../http/preview.ts';

interface PreviewedPost {
	title: string;
	kind: PostKind;
	neighborhood: { name: string };
	network: { name: string };
}

export function postPreview(event: RequestEvent, post: PreviewedPost) {
	const where = { neighborhood: post.neighborhood.name, network: post.network.name };
	return linkPreview(event, {
		title: post.title,
		description: post.kind === 'NEED' ? m.preview_post_NEED(where) : m.preview_post_OFFER(where),
		type: 'article'
	});
}
