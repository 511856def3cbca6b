// A post or claim as the policies see it (policies.ts Resource), read the one way for every door it
// can be acted on through: a page (guard.ts) or a reply by text (sms/prompts.ts).
import type { Resource } from '$lib/policies';
import { db } from './db/index.ts';
import { isIntake } from './posts/poster.ts';

export async function postResource(postId: number) {
	const post = await db.post.findUnique({
		where: { id: postId },
		select: { id: true, authorId: true, networkId: true, status: true, intakeName: true }
	});
	if (!post) return null;
	const resource: Resource = {
		type: 'post',
		authorId: post.authorId,
		networkId: post.networkId,
		intake: isIntake(post)
	};
	return { post, resource };
}

export async function claimResource(claimId: number) {
	const claim = await db.claim.findUnique({
		where: { id: claimId },
		select: {
			id: true,
			claimantId: true,
			doneBy: true,
			post: { select: { authorId: true, networkId: true, intakeName: true } }
		}
	});
	if (!claim) return null;
	const resource = {
		type: 'claim',
		posterId: claim.post.authorId,
		claimantId: claim.claimantId,
		doneBy: claim.doneBy,
		relayNetworkId: isIntake(claim.post) ? claim.post.networkId : null
	} as const;
	return { claim, resource };
}
