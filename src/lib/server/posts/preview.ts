// A post's link preview and its picture say what it is and where: its title, need or offer,
// neighborhood and network. Nothing about who posted it, so an intake post never names the neighbor it
// was written for.
import type { RequestEvent } from '@sveltejs/kit';
import { kindLabel } from '$lib/labels';
import { m } from '$lib/paraglide/messages';
import type { PostKind } from '$lib/posts';
import { linkPreview } from '../http/preview.ts';
import type { PreviewCard } from '../preview-image/index.ts';
import { getPublicPost } from './board.ts';
import { visibleTo } from './lifecycle.ts';

interface PreviewedPost {
	id: number;
	title: string;
	kind: PostKind;
	neighborhood: { name: string };
	network: { name: string };
}

/** The preview; with a picture only when anyone may see the post, since the picture is served to anyone. */
export function postPreview(event: RequestEvent, post: PreviewedPost, everyone: boolean) {
	const where = { neighborhood: post.neighborhood.name, network: post.network.name };
	return linkPreview(event, {
		title: post.title,
		description: post.kind === 'NEED' ? m.preview_post_NEED(where) : m.preview_post_OFFER(where),
		type: 'article',
		image: everyone ? `/posts/${post.id}/preview.png` : undefined
	});
}

/** The picture's card, for a post anyone may see; null for any other. */
export async function postCard(id: number): Promise<PreviewCard | null> {
	const post = await getPublicPost(id);
	if (!post || !visibleTo(post, null)) return null;
	return {
		label: kindLabel(post.kind),
		tone: post.kind === 'NEED' ? 'need' : 'offer',
		title: post.title,
		lines: [`${post.neighborhood.name}, ${post.neighborhood.borough.name}`, post.network.name],
		siteName: m.site_name()
	};
}
