import { requireUser } from '$lib/server/guard';
import { listMyPosts } from '$lib/server/posts/board';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const user = await requireUser(event);
	return { posts: await listMyPosts(user.id) };
};
