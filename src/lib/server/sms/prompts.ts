// Questions a text asks that a reply answers. The newest question to a number is the one its next
// reply answers; answering 1 or 2 acts for the person who was asked, through the same domain moves as
// the buttons on the page, so a reply cannot do what the page would refuse.
import type { Prisma } from '../db/generated/client.ts';
import { ClaimError, completeClaim, releaseClaim } from '../claims/lifecycle.ts';
import { sendMessage } from '../claims/threads.ts';
import { db } from '../db/index.ts';
import { transition, TransitionError } from '../posts/lifecycle.ts';

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

/** Answers the number's open question with the text's words; 'refused' when the move no longer applies. */
export async function answerPrompt(number: string, body: string, origin: string): Promise<Answer> {
	const prompt = await db.smsPrompt.findUnique({ where: { number } });
	// Only while the number still belongs to the person asked.
	const owner = await db.user.findUnique({ where: { smsNumber: number }, select: { id: true } });
	if (!prompt || owner?.id !== prompt.userId) return 'no-question';
	const choice = body.trim();
	try {
		if (prompt.kind === 'thread' && prompt.claimId) {
			const sent = await sendMessage(prompt.claimId, prompt.userId, body.trim());
			return sent.sent ? 'message' : 'refused';
		}
		if (choice !== '1' && choice !== '2') return 'no-question';
		if (prompt.kind === 'still-needed' && prompt.postId) {
			const post = await db.post.findUnique({ where: { id: prompt.postId }, select: { authorId: true } });
			if (post?.authorId !== prompt.userId) return 'refused';
			await transition(prompt.postId, choice === '1' ? 'renew' : 'withdraw');
			await db.smsPrompt.delete({ where: { number } });
			return choice === '1' ? 'renewed' : 'closed';
		}
		if (prompt.kind === 'did-happen' && prompt.claimId) {
			const claim = await db.claim.findUnique({
				where: { id: prompt.claimId },
				select: { claimantId: true, post: { select: { authorId: true } } }
			});
			if (!claim) return 'refused';
			const by =
				claim.claimantId === prompt.userId
					? 'claimant'
					: claim.post.authorId === prompt.userId
						? 'poster'
						: null;
			if (!by) return 'refused';
			await (choice === '1' ? completeClaim : releaseClaim)(prompt.claimId, by, origin);
			await db.smsPrompt.delete({ where: { number } });
			return choice === '1' ? 'done' : 'not-done';
		}
	} catch (problem) {
		if (problem instanceof TransitionError || problem instanceof ClaimError) return 'refused';
		throw problem;
	}
	return 'no-question';
}
