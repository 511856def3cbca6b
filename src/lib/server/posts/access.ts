// Loading a post for someone who wants to change it: a 404 unless the policies allow the action.
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Action } from '$lib/policies';
import { db } from '../db/index.ts';
import { authorize } from '../guard.ts';

export async function postFor(event: RequestEvent, action: Action, postId: number) {
	const post = await db.post.findUnique({
		where: { id: postId },
		select: { id: true, authorId: true, networkId: true }
	});
	if (!post) error(404, 'Not found');
	await authorize(event, action, { type: 'post', authorId: post.authorId, networkId: post.networkId });
	return post;
}
