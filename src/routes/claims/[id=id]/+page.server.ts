import { fail, type RequestEvent } from '@sveltejs/kit';
import { claimFor, getClaimPage } from '$lib/server/claims';
import { messageSchema } from '$lib/server/claims/form';
import {
	canMessage,
	acceptClaim,
	ClaimError,
	completeClaim,
	declineClaim,
	releaseClaim,
	withdrawClaim
} from '$lib/server/claims/lifecycle';
import { markRead, sendMessage } from '$lib/server/claims/threads';
import { db } from '$lib/server/db';
import { requireUser } from '$lib/server/guard';
import { submitReport } from '$lib/server/moderation/reports';
import { publicOrigin } from '$lib/server/config';
import { messageReportSchema } from '$lib/server/moderation/schemas';
import { invalid, parseForm } from '$lib/server/http/form';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Action } from '$lib/policies';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { id, party } = await claimFor(event, 'claim:view', Number(event.params.id));
	await markRead(id, party);
	const claim = await getClaimPage(id, party);
	return { claim, party, canMessage: canMessage(claim.status) };
};

/** Runs one status change for whoever may make it; a claim that already moved on is a 409, not a 500. */
async function change(
	event: RequestEvent,
	action: Action,
	run: (claimId: number, party: 'poster' | 'claimant', origin: string) => Promise<void>,
	done: string
) {
	const { id, party } = await claimFor(event, action, Number(event.params.id));
	try {
		await run(id, party, publicOrigin());
	} catch (problem) {
		if (problem instanceof ClaimError) return fail(409, { claimError: problem.problem });
		throw problem;
	}
	return { done };
}

export const actions: Actions = {
	report: async (event) => {
		const user = await requireUser(event);
		const { id } = await claimFor(event, 'claim:view', Number(event.params.id));
		const parsed = parseForm(messageReportSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('report', parsed);
		const message = await db.message.findFirst({
			where: { id: parsed.data.message, claimId: id, senderId: { not: user.id } },
			select: { id: true, claim: { select: { postId: true } } }
		});
		if (!message) return invalid('report', { values: {}, errors: { message: 'report_error' } });
		const refused = await refuseIfLimited(event, 'report', user.id);
		if (refused) return refused;
		await submitReport(user.id, message.claim.postId, parsed.data, message);
		return { reported: true };
	},
	message: async (event) => {
		const user = await requireUser(event);
		const { id } = await claimFor(event, 'claim:message', Number(event.params.id));
		const parsed = parseForm(messageSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('message', parsed);
		const refused = await refuseIfLimited(event, 'message', user.id, { draft: parsed.data.body });
		if (refused) return refused;
		const result = await sendMessage(id, user.id, parsed.data.body);
		if (!result.sent) return fail(409, { form: 'message', threadClosed: true });
		return { done: 'sent' };
	},
	accept: async (event) => {
		await requireUser(event);
		return change(event, 'claim:decide', (id, _party, origin) => acceptClaim(id, origin), 'accepted');
	},
	decline: async (event) => {
		await requireUser(event);
		return change(event, 'claim:decide', (id, _party, origin) => declineClaim(id, origin), 'declined');
	},
	withdraw: async (event) => {
		await requireUser(event);
		return change(event, 'claim:withdraw', (id, _party, origin) => withdrawClaim(id, origin), 'withdrawn');
	},
	release: async (event) => {
		await requireUser(event);
		return change(event, 'claim:release', releaseClaim, 'released');
	},
	complete: async (event) => {
		await requireUser(event);
		return change(event, 'claim:complete', completeClaim, 'completed');
	}
};
