// Questions a text asks that a reply answers. The newest question to a number is the one its next
// reply answers; answering 1 or 2 acts for the person who was asked, through the same domain moves as
// the buttons on the page, so a reply cannot do what the page would refuse.
import { can, type Action, type SignedInActor } from '$lib/policies';
import { loadCurrentUser } from '../accounts/actor.ts';
import type { Prisma } from '../db/generated/client.ts';
import { ClaimError, completeClaim, releaseClaim } from '../claims/lifecycle.ts';
import { sendMessage } from '../claims/threads.ts';
import { db } from '../db/index.ts';
import { transition, TransitionError } from '../posts/lifecycle.ts';
import { claimResource, postResource } from '../resources.ts';

export type Prompt =
	| { kind: 'still-needed'; postId: number }
	| { kind: 'did-happen'; claimId: number }
	| { kind: 'thread'; claimId: number };

export async function rememberPrompt(
	tx: Prisma.TransactionClient,
	number: string,
	userId: string,
	prompt: Prompt
) {
	const data = {
		kind: prompt.kind,
		userId,
		postId: 'postId' in prompt ? prompt.postId : null,
		claimId: 'claimId' in prompt ? prompt.claimId : null,
		createdAt: new Date()
	};
	await tx.smsPrompt.upsert({ where: { number }, create: { number, ...data }, update: data });
}

export type Answer = 'renewed' | 'closed' | 'done' | 'not-done' | 'message' | 'refused' | 'no-question';

/**
 * Answers the number's open question with the text's words; 'refused' when the move no longer applies
 * or the person asked may no longer make it (policies.ts, as on the page: on an intake post, whoever is
 * on its network's team now).
 */
export async function answerPrompt(number: string, body: string, origin: string): Promise<Answer> {
	const prompt = await db.smsPrompt.findUnique({ where: { number } });
	// Only while the number still belongs to the person asked.
	const owner = await db.user.findUnique({ where: { smsNumber: number }, select: { id: true } });
	if (!prompt || owner?.id !== prompt.userId) return 'no-question';
	const actor = await loadCurrentUser(prompt.userId);
	if (!actor) return 'no-question';
	const choice = body.trim();
	try {
		if (prompt.kind === 'thread' && prompt.claimId) {
			if (!(await mayOnClaim(actor, 'claim:message', prompt.claimId))) return 'refused';
			const sent = await sendMessage(prompt.claimId, actor.id, body.trim());
			return sent.sent ? 'message' : 'refused';
		}
		if (choice !== '1' && choice !== '2') return 'no-question';
		if (prompt.kind === 'still-needed' && prompt.postId) {
			const found = await postResource(prompt.postId);
			const event = choice === '1' ? 'renew' : 'withdraw';
			if (!found || !can(actor, `post:${event}`, found.resource)) return 'refused';
			await transition(prompt.postId, event);
			await db.smsPrompt.delete({ where: { number } });
			return choice === '1' ? 'renewed' : 'closed';
		}
		if (prompt.kind === 'did-happen' && prompt.claimId) {
			const found = await claimResource(prompt.claimId);
			const action = choice === '1' ? 'claim:complete' : 'claim:release';
			if (!found || !can(actor, action, found.resource)) return 'refused';
			const by = found.claim.claimantId === actor.id ? 'claimant' : 'poster';
			// Named, so a team member's answer for an intake post is in its network's log.
			await (choice === '1' ? completeClaim : releaseClaim)(prompt.claimId, by, origin, new Date(), actor.id);
			await db.smsPrompt.delete({ where: { number } });
			return choice === '1' ? 'done' : 'not-done';
		}
	} catch (problem) {
		if (problem instanceof TransitionError || problem instanceof ClaimError) return 'refused';
		throw problem;
	}
	return 'no-question';
}

async function mayOnClaim(actor: SignedInActor, action: Action, claimId: number) {
	const found = await claimResource(claimId);
	return found !== null && can(actor, action, found.resource);
}
