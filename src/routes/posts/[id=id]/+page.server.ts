import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { liveClaimBy, remainingPlaces, repliesToPost } from '$lib/server/claims';
import { askAgainNote } from '$lib/server/claims/again';
import { claimChoiceSchema, claimNoteSchema } from '$lib/server/claims/form';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { acceptClaim, askAgain, ClaimError, createClaim, declineClaim } from '$lib/server/claims/lifecycle';
import { authorizeClaim, authorizePost, publicAccess, requireUser } from '$lib/server/guard';
import { getPublicPost } from '$lib/server/posts/board';
import { acceptTakeIn, declineTakeIn, takeInForPoster, takeInSchema } from '$lib/server/households/take-in';
import { posterMoves, transition, TransitionError, visibleTo } from '$lib/server/posts/lifecycle';
import { can } from '$lib/policies';
import { submitReport } from '$lib/server/moderation/reports';
import { reportSchema } from '$lib/server/moderation/schemas';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import { publicOrigin } from '$lib/server/config';
import { postPreview } from '$lib/server/posts/preview';
import { queueEstimate } from '$lib/server/networks/intake-queue';
import { shareLinks } from '$lib/server/http/preview';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await publicAccess(event);
	const post = await getPublicPost(Number(event.params.id));
	if (!post || !visibleTo(post, viewer)) error(404, 'Not found');
	const asResource = {
		type: 'post',
		authorId: post.authorId,
		networkId: post.network.id,
		intake: post.postedBy.forNeighbor
	} as const;
	// The poster's side: the author, or on an intake post its network's team (policies.ts).
	const isAuthor = can(viewer, 'post:edit', asResource);
	const moves = posterMoves(post.status);
	const { authorId, ...visible } = post; // who posted stays on the server
	const [replies, myClaim, remaining, askAgainWith, queue, takeIn] = await Promise.all([
		isAuthor ? repliesToPost(post.id) : null,
		viewer && !isAuthor ? liveClaimBy(post.id, viewer.id) : null,
		post.kind === 'OFFER' ? remainingPlaces(post) : null,
		viewer && !isAuthor ? askAgainNote(post, viewer.id) : null,
		// Only its poster sees a queued post, and how long it should wait.
		isAuthor && post.status === 'QUEUED' ? queueEstimate(post.id) : null,
		// A network's offer of a place on its household roster is the poster's own to answer.
		can(viewer, 'post:answerTakeIn', asResource) ? takeInForPoster(post.id) : null
	]);
	const isPublic = visibleTo(post, null);
	const preview = postPreview(event, post, isPublic);
	return {
		post: visible,
		preview,
		// Offered only while sharing can bring help: an open post whoever receives the link may see.
		share: post.status === 'OPEN' && isPublic ? shareLinks(preview) : null,
		isAuthor,
		can: {
			edit: moves.edit && can(viewer, 'post:edit', asResource),
			renew: moves.renew && can(viewer, 'post:renew', asResource),
			withdraw: moves.withdraw && can(viewer, 'post:withdraw', asResource)
		},
		replies: replies?.claims ?? null,
		myClaim,
		askAgainWith,
		remaining,
		queue,
		takeIn
	};
};

async function move(event: RequestEvent, postId: number, postEvent: 'renew' | 'withdraw') {
	try {
		await transition(postId, postEvent);
	} catch (problem) {
		if (problem instanceof TransitionError) return fail(409, { transitionError: true });
		throw problem;
	}
	redirectWithFlash(event, `/posts/${postId}`, postEvent === 'renew' ? 'post_renewed' : 'post_withdrawn');
}

/** The claim a poster picked from the replies under their post; the id is a form field, not the URL. */
async function chosenClaim(request: Request) {
	const parsed = parseForm(claimChoiceSchema, await request.formData());
	if (!('data' in parsed)) error(404, 'Not found');
	return parsed.data.claim;
}

/**
 * Makes a reply and opens its conversation; a rule it breaks is a 409 the page explains, with the
 * note kept.
 */
async function reply(create: () => Promise<number>, values?: { note: string }) {
	let claimId: number;
	try {
		claimId = await create();
	} catch (problem) {
		if (!(problem instanceof ClaimError)) throw problem;
		return fail(
			409,
			values ? { claimError: problem.problem, form: 'reply', values } : { claimError: problem.problem }
		);
	}
	redirect(303, `/claims/${claimId}`);
}

/** actorId names who decided, so an intake post's relayed decision is logged. */
async function decide(event: RequestEvent, claim: { id: number }, accept: boolean, actorId: string) {
	try {
		if (accept) await acceptClaim(claim.id, publicOrigin(), new Date(), actorId);
		else await declineClaim(claim.id, publicOrigin(), new Date(), actorId);
	} catch (problem) {
		if (problem instanceof ClaimError) return fail(409, { claimError: problem.problem });
		throw problem;
	}
	redirectWithFlash(event, event.url.pathname, accept ? 'claim_done_accepted' : 'claim_done_declined');
}

export const actions: Actions = {
	report: async (event) => {
		const { user, post } = await authorizePost(event, 'post:report', Number(event.params.id));
		// Reporting a post its page would not show them (hidden, withdrawn, held) gives nothing away either.
		if (!visibleTo(post, user)) error(404, 'Not found');
		const parsed = parseForm(reportSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('report', parsed);
		const refused = await refuseIfLimited(event, 'report', user.id, { values: parsed.data });
		if (refused) return refused;
		await submitReport(user.id, post.id, parsed.data);
		redirectWithFlash(event, `/posts/${post.id}`, 'report_thanks');
	},
	claim: async (event) => {
		const { user, post } = await authorizePost(event, 'claim:create', Number(event.params.id));
		const parsed = parseForm(claimNoteSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('reply', parsed);
		const refused = await refuseIfLimited(event, 'reply', user.id, { values: parsed.data });
		if (refused) return refused;
		return reply(() => createClaim(post.id, user.id, parsed.data.note, publicOrigin()), parsed.data);
	},
	// One click for someone turned away because the offer was full: their note from before.
	askAgain: async (event) => {
		const { user, post } = await authorizePost(event, 'claim:create', Number(event.params.id));
		const refused = await refuseIfLimited(event, 'reply', user.id);
		if (refused) return refused;
		return reply(() => askAgain(post.id, user.id, publicOrigin()));
	},
	// The claim is named in the form, so the guard reads it after making sure someone is signed in.
	accept: async (event) => {
		await requireUser(event);
		const { user, claim } = await authorizeClaim(event, 'claim:decide', await chosenClaim(event.request));
		return decide(event, claim, true, user.id);
	},
	decline: async (event) => {
		await requireUser(event);
		const { user, claim } = await authorizeClaim(event, 'claim:decide', await chosenClaim(event.request));
		return decide(event, claim, false, user.id);
	},
	withdraw: async (event) => {
		const { post } = await authorizePost(event, 'post:withdraw', Number(event.params.id));
		return move(event, post.id, 'withdraw');
	},
	renew: async (event) => {
		const { post } = await authorizePost(event, 'post:renew', Number(event.params.id));
		return move(event, post.id, 'renew');
	},
	acceptTakeIn: async (event) => {
		const { post } = await authorizePost(event, 'post:answerTakeIn', Number(event.params.id));
		const parsed = parseForm(takeInSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('takeIn', parsed);
		const outcome = await acceptTakeIn(post.id, parsed.data);
		if (!outcome.ok) return fail(409, { takeInGone: true });
		redirectWithFlash(event, `/posts/${post.id}`, 'post_take_in_accepted');
	},
	declineTakeIn: async (event) => {
		const { post } = await authorizePost(event, 'post:answerTakeIn', Number(event.params.id));
		const outcome = await declineTakeIn(post.id);
		if (!outcome.ok) return fail(409, { takeInGone: true });
		redirectWithFlash(event, `/posts/${post.id}`, 'post_take_in_declined');
	}
};
