// Moderator actions on a post. Every action and its log entry are written in one transaction; callers
// authorize with 'network:moderate' on the post's network first, so a moderator of one network can do
// nothing to another's posts.
import { m } from '$lib/paraglide/messages';
import { can, type SignedInActor } from '$lib/policies';
import type { Prisma } from '../db/generated/client.ts';
import type { Category } from '$lib/posts';
import { publicOrigin } from '../config.ts';
import { db } from '../db/index.ts';
import { notifyAll, textTitle } from '../mail/notify.ts';
import { takingPosts } from '../places/index.ts';
import { transition } from '../posts/lifecycle.ts';
import { POSTER_MAIL_SELECT, posterRecipients } from '../posts/poster.ts';
import * as audit from './audit.ts';

export class ModerationError extends Error {}

/** Taking a post off the board for good, or a person off the network: asked to be confirmed first. */
const DESTRUCTIVE_ACTIONS = ['hide', 'close', 'suspend'] as const satisfies audit.ModerationAction[];

/**
 * Whether the moderator confirms before the action runs (http/confirm.ts). A hand-off is routine between
 * networks someone moderates, but one to a network they do not takes the post out of their reach.
 */
export function needsConfirmation(
	actor: SignedInActor,
	input: { action: audit.ModerationAction; target?: number }
) {
	if ((DESTRUCTIVE_ACTIONS as readonly string[]).includes(input.action)) return true;
	return (
		input.action === 'handoff' && !can(actor, 'network:moderate', { type: 'network', id: input.target ?? 0 })
	);
}

/** Runs one moderator action on a post, with its log entry, in one transaction. */
export async function moderate(
	actorId: string,
	postId: number,
	action: audit.ModerationAction,
	options: {
		reason?: string;
		targetNetworkId?: number;
		category?: Category;
		neighborhoodId?: number;
		/** For links in mail to the poster. */
		origin?: string;
	} = {},
	now = new Date()
) {
	await db.$transaction(async (tx) => {
		const post = await tx.post.findUniqueOrThrow({
			where: { id: postId },
			select: { networkId: true, authorId: true, status: true }
		});
		const entry: audit.AuditEntry = {
			networkId: post.networkId,
			actorId,
			action,
			postId,
			reason: options.reason
		};
		const resolveReports = (status: 'DISMISSED' | 'ACTIONED') =>
			tx.report.updateMany({ where: { postId, status: 'OPEN' }, data: { status, resolvedAt: now } });
		switch (action) {
			case 'approve':
				await tx.post.update({ where: { id: postId }, data: { privacyFlagged: false } });
				if (post.status === 'HELD') await transition(postId, 'release-held', now, tx);
				await resolveReports('DISMISSED');
				break;
			case 'hide':
				if (!options.reason) throw new ModerationError('A reason is required to hide a post');
				await transition(postId, 'hide', now, tx);
				await tx.post.update({ where: { id: postId }, data: { hiddenReason: options.reason } });
				await resolveReports('ACTIONED');
				await mailHidden(tx, postId, options.reason, options.origin ?? publicOrigin());
				break;
			case 'restore':
				await transition(postId, 'restore', now, tx);
				break;
			case 'close':
				await transition(postId, 'withdraw', now, tx);
				await resolveReports('ACTIONED');
				break;
			case 'dismiss':
				await resolveReports('DISMISSED');
				break;
			case 'edit': {
				const data: Prisma.PostUpdateInput = {};
				if (options.category) data.category = options.category;
				if (options.neighborhoodId) {
					const place = await tx.neighborhood.findFirst({
						where: { id: options.neighborhoodId, ntaType: 'RESIDENTIAL' },
						select: { id: true }
					});
					if (!place) throw new ModerationError('Choose a residential neighborhood');
					data.neighborhood = { connect: { id: place.id } };
				}
				await tx.post.update({ where: { id: postId }, data });
				entry.reason ??= [options.category, options.neighborhoodId].filter(Boolean).join(', ');
				break;
			}
			case 'lock':
			case 'unlock':
				await tx.post.update({ where: { id: postId }, data: { claimsLocked: action === 'lock' } });
				break;
			case 'suspend':
				if (!options.reason) throw new ModerationError('A reason is required to suspend someone');
				await tx.networkSuspension.upsert({
					where: { userId_networkId: { userId: post.authorId, networkId: post.networkId } },
					create: { userId: post.authorId, networkId: post.networkId, reason: options.reason },
					update: { reason: options.reason }
				});
				break;
			case 'handoff': {
				const target = options.targetNetworkId;
				if (!target || target === post.networkId) throw new ModerationError('Choose another network');
				// A network that does not exist is the moderator's mistake, not a foreign-key crash; one no
				// longer active takes no posts, handed over or not.
				if (!(await tx.network.count({ where: { id: target, ...takingPosts() } })))
					throw new ModerationError('Choose another network');
				await tx.post.update({
					where: { id: postId },
					// New to its network, so that network's organizers and moderators hear of it.
					data: { networkId: target, networkIsFallback: false, networkNotifiedAt: null }
				});
				// Both networks see the hand-off in their log.
				await audit.record(tx, { ...entry, networkId: target, details: `from network ${post.networkId}` });
				await audit.record(tx, { ...entry, details: `to network ${target}` });
				return;
			}
		}
		await audit.record(tx, entry);
	});
}

/** A poster whose post disappears from the board is told why, so she can fix it or ask. */
async function mailHidden(tx: Prisma.TransactionClient, postId: number, reason: string, origin: string) {
	const post = await tx.post.findUniqueOrThrow({
		where: { id: postId },
		select: {
			title: true,
			network: { select: { name: true } },
			...POSTER_MAIL_SELECT
		}
	});
	const args = { title: post.title, network: post.network.name, reason, url: `${origin}/posts/${postId}` };
	// The reason is the moderator's own words, of any length: the text links to the post, which shows it.
	await notifyAll(tx, await posterRecipients(tx, post), {
		mail: (locale) => ({
			subject: m.mail_hidden_subject(args, { locale }),
			text: m.mail_hidden_body(args, { locale })
		}),
		text: (locale) => m.sms_post_hidden({ title: textTitle(post.title), url: args.url }, { locale }),
		url: args.url
	});
}
