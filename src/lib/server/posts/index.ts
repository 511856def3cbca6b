// Writing posts: create and edit, with the privacy check and the network routing.
import { db } from '../db/index.ts';
import type { PostInput } from './form.ts';
import { expiryFrom } from './lifecycle.ts';
import { networkChoicesFor, type NetworkChoice } from './networks.ts';
import { findPrivateDetails, type PrivacyFinding } from './privacy.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** Stands in for "no date" so flexible posts sort after every dated one under "needed soonest". */
export const FLEXIBLE_DUE = new Date('9999-12-31T00:00:00Z');

export function dueAtFor(input: Pick<PostInput, 'timeWindow' | 'neededBy'>, from: Date): Date {
	switch (input.timeWindow) {
		case 'TODAY':
			return new Date(from.getTime() + DAY_MS);
		case 'THIS_WEEK':
			return new Date(from.getTime() + 7 * DAY_MS);
		case 'THIS_MONTH':
			return new Date(from.getTime() + 30 * DAY_MS);
		case 'BY_DATE':
			return input.neededBy ?? FLEXIBLE_DUE;
		case 'FLEXIBLE':
			return FLEXIBLE_DUE;
	}
}

export type WriteOutcome =
	| { ok: true; id: number }
	| { ok: false; reason: 'neighborhood' }
	| { ok: false; reason: 'network'; choices: NetworkChoice[]; neighborhoodName: string }
	| { ok: false; reason: 'privacy'; findings: PrivacyFinding[] }
	| { ok: false; reason: 'suspended' };

/** Checks what a person cannot see from the form alone: the neighborhood, its networks, private details. */
/** Networks may ask to see a new account's first post before it reaches the board. */
async function holdsFirstPost(networkId: number, authorId: string) {
	const network = await db.network.findUniqueOrThrow({
		where: { id: networkId },
		select: { holdFirstPosts: true }
	});
	if (!network.holdFirstPosts) return false;
	return (await db.post.count({ where: { authorId, status: { notIn: ['HELD'] } } })) === 0;
}

async function resolvePlacement(input: PostInput, authorId: string) {
	const neighborhood = await db.neighborhood.findFirst({
		where: { slug: input.neighborhood, ntaType: 'RESIDENTIAL' },
		select: { id: true, name: true }
	});
	if (!neighborhood) return { ok: false, reason: 'neighborhood' } as const;
	// Asked first: taking out an address matters more than which network sees the post.
	const findings = findPrivateDetails(input.title, input.details);
	if (findings.length && !input.publishAnyway) return { ok: false, reason: 'privacy', findings } as const;
	const choices = await networkChoicesFor(neighborhood.id);
	const chosen =
		choices.length === 1 ? choices[0] : (choices.find((choice) => choice.id === input.network) ?? undefined);
	if (!chosen) return { ok: false, reason: 'network', choices, neighborhoodName: neighborhood.name } as const;
	const suspended = await db.networkSuspension.count({ where: { userId: authorId, networkId: chosen.id } });
	if (suspended) return { ok: false, reason: 'suspended' } as const;
	return {
		ok: true,
		neighborhoodId: neighborhood.id,
		network: chosen,
		privacyFlagged: findings.length > 0,
		held: await holdsFirstPost(chosen.id, authorId)
	} as const;
}

function contentOf(input: PostInput) {
	return {
		kind: input.kind,
		title: input.title,
		details: input.details,
		category: input.category,
		timeWindow: input.timeWindow,
		neededBy: input.neededBy,
		quantity: input.quantity,
		ongoing: input.ongoing,
		languages: input.languages
	};
}

export interface Intake {
	name: string;
	contact: string;
}

export async function createPost(
	authorId: string,
	input: PostInput,
	now = new Date(),
	intake?: Intake
): Promise<WriteOutcome> {
	const placement = await resolvePlacement(input, authorId);
	if (!placement.ok) return placement;
	const post = await db.post.create({
		data: {
			...contentOf(input),
			authorId,
			neighborhoodId: placement.neighborhoodId,
			networkId: placement.network.id,
			networkIsFallback: placement.network.fallback,
			privacyFlagged: placement.privacyFlagged,
			status: placement.held ? 'HELD' : 'OPEN',
			intakeName: intake?.name ?? null,
			intakeContact: intake?.contact ?? null,
			dueAt: dueAtFor(input, now),
			createdAt: now,
			expiresAt: expiryFrom(now)
		},
		select: { id: true }
	});
	return { ok: true, id: post.id };
}

export async function updatePost(postId: number, input: PostInput): Promise<WriteOutcome> {
	const { authorId } = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { authorId: true } });
	const placement = await resolvePlacement(input, authorId);
	if (!placement.ok) return placement;
	const current = await db.post.findUniqueOrThrow({ where: { id: postId }, select: { createdAt: true } });
	await db.post.update({
		where: { id: postId },
		data: {
			...contentOf(input),
			neighborhoodId: placement.neighborhoodId,
			networkId: placement.network.id,
			networkIsFallback: placement.network.fallback,
			privacyFlagged: placement.privacyFlagged,
			dueAt: dueAtFor(input, current.createdAt)
		}
	});
	return { ok: true, id: postId };
}

/** What the edit form starts from, and who may change it. */
export async function getPostForEditing(postId: number) {
	return db.post.findUnique({
		where: { id: postId },
		select: {
			id: true,
			authorId: true,
			networkId: true,
			status: true,
			kind: true,
			title: true,
			details: true,
			category: true,
			timeWindow: true,
			neededBy: true,
			quantity: true,
			ongoing: true,
			languages: true,
			network: { select: { id: true } },
			neighborhood: { select: { slug: true } }
		}
	});
}
