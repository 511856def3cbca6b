import { error, fail, redirect } from '@sveltejs/kit';
import { liveClaimBy, remainingPlaces, repliesToPost } from '$lib/server/claims';
import { claimChoiceSchema, claimNoteSchema } from '$lib/server/claims/form';
import { invalid, parseForm } from '$lib/server/http/form';
import { acceptClaim, ClaimError, createClaim, declineClaim } from '$lib/server/claims/lifecycle';
import { authorizeClaim, authorizePost, publicAccess, requireUser } from '$lib/server/guard';
import { getPublicPost } from '$lib/server/posts/board';
import {
	posterMoves,
	transition,
	TransitionError,
	visibleTo,
	type PostEvent
} from '$lib/server/posts/lifecycle';
import { can } from '$lib/policies';
import { submitReport } from '$lib/server/moderation/reports';
import { reportSchema } from '$lib/server/moderation/schemas';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { publicOrigin } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await publicAccess(event);
	const post = await getPublicPost(Number(event.params.id));
	if (!post || !visibleTo(post, viewer)) error(404, 'Not found');
	const isAuthor = !!viewer && post.authorId === viewer.id;
	const asResource = { type: 'post', authorId: post.authorId, networkId: post.network.id } as const;
	const moves = posterMoves(post.status);
	const { authorId, ...visible } = post; // who posted stays on the server
	const [replies, myClaim, remaining] = await Promise.all([
		isAuthor ? repliesToPost(post.id) : null,
		viewer && !isAuthor ? liveClaimBy(post.id, viewer.id) : null,
		post.kind === 'OFFER' ? remainingPlaces(post) : null
	]);
	return {
		post: visible,
		isAuthor,
		can: {
			edit: moves.edit && can(viewer, 'post:edit', asResource),
			renew: moves.renew && can(viewer, 'post:renew', asResource),
			withdraw: moves.withdraw && can(viewer, 'post:withdraw', asResource)
		},
		replies: replies?.claims ?? null,
		myClaim,
		remaining,
		done: event.url.searchParams.get('done')
	};
};

async function move(postId: number, postEvent: PostEvent) {
	try {
		await transition(postId, postEvent);
	} catch (problem) {
		if (problem instanceof TransitionError) return fail(409, { transitionError: true });
		throw problem;
	}
	return { done: postEvent };
}

/** The claim a poster picked from the replies under their post; the id is a form field, not the URL. */
async function chosenClaim(request: Request) {
	const parsed = parseForm(claimChoiceSchema, await request.formData());
	if (!('data' in parsed)) error(404, 'Not found');
	return parsed.data.claim;
}

/** actorId names who decided, so an intake post's relayed decision is logged. */
async function decide(claim: { id: number }, accept: boolean, actorId: string) {
	try {
		if (accept) await acceptClaim(claim.id, publicOrigin(), new Date(), actorId);
		else await declineClaim(claim.id, publicOrigin(), new Date(), actorId);
	} catch (problem) {
		if (problem instanceof ClaimError) return fail(409, { claimError: problem.problem });
		throw problem;
	}
	return { done: accept ? 'accepted' : 'declined' };
}

export const actions: Actions = {
	report: async (event) => {
		const { user, post } = await authorizePost(event, 'post:report', Number(event.params.id));
		if (post.status === 'HIDDEN') error(404, 'Not found');
		const parsed = parseForm(reportSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('report', parsed);
		const refused = await refuseIfLimited(event, 'report', user.id);
		if (refused) return refused;
		await submitReport(user.id, post.id, parsed.data);
		return { reported: true };
	},
	claim: async (event) => {
		const { user, post } = await authorizePost(event, 'claim:create', Number(event.params.id));
		const parsed = parseForm(claimNoteSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('reply', parsed);
		const refused = await refuseIfLimited(event, 'reply', user.id);
		if (refused) return refused;
		let claimId: number;
		try {
			claimId = await createClaim(post.id, user.id, parsed.data.note, publicOrigin());
		} catch (problem) {
			if (problem instanceof ClaimError) return fail(409, { claimError: problem.problem });
			throw problem;
		}
		redirect(303, `/claims/${claimId}`);
	},
	// The claim is named in the form, so the guard reads it after making sure someone is signed in.
	accept: async (event) => {
		await requireUser(event);
		const { user, claim } = await authorizeClaim(event, 'claim:decide', await chosenClaim(event.request));
		return decide(claim, true, user.id);
	},
	decline: async (event) => {
		await requireUser(event);
		const { user, claim } = await authorizeClaim(event, 'claim:decide', await chosenClaim(event.request));
		return decide(claim, false, user.id);
	},
	withdraw: async (event) => {
		const { post } = await authorizePost(event, 'post:withdraw', Number(event.params.id));
		return move(post.id, 'withdraw');
	},
	renew: async (event) => {
		const { post } = await authorizePost(event, 'post:renew', Number(event.params.id));
		return move(post.id, 'renew');
	}
};
