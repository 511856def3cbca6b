import { fail, type RequestEvent } from '@sveltejs/kit';
import { getClaimPage } from '$lib/server/claims';
import { isLive as isLiveClaim, isTakingPlace } from '$lib/server/claims/capacity';
import { can } from '$lib/policies';
import { canSayNotDone } from '$lib/server/claims/done';
import { messageSchema } from '$lib/server/claims/form';
import {
	canMessage,
	acceptClaim,
	ClaimError,
	completeClaim,
	declineClaim,
	releaseClaim,
	sayNotDone,
	withdrawClaim
} from '$lib/server/claims/lifecycle';
import { markRead, sendMessage } from '$lib/server/claims/threads';
import { db } from '$lib/server/db';
import { authorizeClaim } from '$lib/server/guard';
import { submitReport } from '$lib/server/moderation/reports';
import { publicOrigin } from '$lib/server/config';
import { messageReportSchema } from '$lib/server/moderation/schemas';
import { redirectWithFlash, type Flash } from '$lib/server/http/flash';
import { clientKeyOf, invalid, parseForm } from '$lib/server/http/form';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Party } from '$lib/server/claims/threads';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const {
		user,
		claim: { id, party },
		resource
	} = await authorizeClaim(event, 'claim:view', Number(event.params.id));
	await markRead(id, party);
	const claim = await getClaimPage(id, party);
	const isLive = isLiveClaim(claim.status);
	// Live and not yet accepted: the only time a claim can be decided on or withdrawn.
	const waiting = isLive && !isTakingPlace(claim.status);
	const accepted = isLive && isTakingPlace(claim.status);
	return {
		claim: { ...claim, isLive, matched: isTakingPlace(claim.status) },
		side: party,
		can: {
			decide: waiting && can(user, 'claim:decide', resource),
			withdraw: waiting && can(user, 'claim:withdraw', resource),
			complete: accepted && can(user, 'claim:complete', resource),
			release: accepted && can(user, 'claim:release', resource),
			notDone: canSayNotDone(claim, party) && can(user, 'claim:notDone', resource),
			message: canMessage(claim.status)
		}
	};
};

/**
 * Runs one status change for whoever may make it, naming who made it so a relayed one is logged; a
 * claim that already moved on is a 409, not a 500.
 */
async function change(
	event: RequestEvent,
	{ user, claim: { id, party } }: { user: { id: string }; claim: { id: number; party: Party } },
	run: (claimId: number, party: Party, origin: string, now: Date, actorId: string) => Promise<void>,
	done: Flash
) {
	try {
		await run(id, party, publicOrigin(), new Date(), user.id);
	} catch (problem) {
		if (problem instanceof ClaimError) return fail(409, { claimError: problem.problem });
		throw problem;
	}
	redirectWithFlash(event, `/claims/${id}`, done);
}

export const actions: Actions = {
	report: async (event) => {
		const {
			user,
			claim: { id, party },
			resource
		} = await authorizeClaim(event, 'claim:report', Number(event.params.id));
		const parsed = parseForm(messageReportSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('report', parsed);
		// A message from the other side only: on an intake post the poster's side is a whole team.
		const otherSide = party === 'poster' ? resource.claimantId : { not: resource.claimantId };
		const message = await db.message.findFirst({
			where: { id: parsed.data.message, claimId: id, senderId: otherSide },
			select: { id: true, claim: { select: { postId: true } } }
		});
		if (!message) return invalid('report', { values: {}, errors: { message: 'report_error' } });
		const refused = await refuseIfLimited(event, 'report', user.id);
		if (refused) return refused;
		await submitReport(user.id, message.claim.postId, parsed.data, message);
		redirectWithFlash(event, `/claims/${id}`, 'report_thanks');
	},
	message: async (event) => {
		const {
			user,
			claim: { id }
		} = await authorizeClaim(event, 'claim:message', Number(event.params.id));
		const form = await event.request.formData();
		const parsed = parseForm(messageSchema, form);
		if (!('data' in parsed)) return invalid('message', parsed);
		const refused = await refuseIfLimited(event, 'message', user.id, { draft: parsed.data.body });
		if (refused) return refused;
		const result = await sendMessage(id, user.id, parsed.data.body, clientKeyOf(form));
		if (!result.sent) return fail(409, { form: 'message', threadClosed: true, draft: parsed.data.body });
		redirectWithFlash(event, `/claims/${id}#latest`, 'claim_done_sent');
	},
	accept: async (event) => {
		const allowed = await authorizeClaim(event, 'claim:decide', Number(event.params.id));
		return change(event, allowed, (id, _party, ...rest) => acceptClaim(id, ...rest), 'claim_done_accepted');
	},
	decline: async (event) => {
		const allowed = await authorizeClaim(event, 'claim:decide', Number(event.params.id));
		return change(event, allowed, (id, _party, ...rest) => declineClaim(id, ...rest), 'claim_done_declined');
	},
	withdraw: async (event) => {
		const allowed = await authorizeClaim(event, 'claim:withdraw', Number(event.params.id));
		return change(
			event,
			allowed,
			(id, _party, origin, now) => withdrawClaim(id, origin, now),
			'claim_done_withdrawn'
		);
	},
	release: async (event) => {
		const allowed = await authorizeClaim(event, 'claim:release', Number(event.params.id));
		return change(event, allowed, releaseClaim, 'claim_done_released');
	},
	complete: async (event) => {
		const allowed = await authorizeClaim(event, 'claim:complete', Number(event.params.id));
		return change(event, allowed, completeClaim, 'claim_done_completed');
	},
	notDone: async (event) => {
		const allowed = await authorizeClaim(event, 'claim:notDone', Number(event.params.id));
		return change(event, allowed, sayNotDone, 'claim_done_not_done');
	}
};
