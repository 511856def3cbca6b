// The one owner of a post's status. Every change goes through transition(), which checks the move is
// allowed and makes it in a single conditional UPDATE, so two requests racing cannot both win.
import type { Locale } from '$lib/paraglide/runtime';
import type { PostStatus } from '../../posts.ts';
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import { dateInNewYork } from '../calendar.ts';
import { mailDueRows } from '../mail/due.ts';
import { notifyAll, textTitle } from '../mail/notify.ts';
import { POSTER_MAIL_SELECT, posterRecipients } from './poster.ts';

export const EXPIRY_DAYS = 14;
/** "Still needed?" goes out this long before a post expires. */
export const REMINDER_DAYS_BEFORE = 2;
const DAY_MS = 24 * 60 * 60 * 1000;

export const expiryFrom = (now: Date) => new Date(now.getTime() + EXPIRY_DAYS * DAY_MS);

export type PostEvent =
	| 'withdraw'
	| 'take-in'
	| 'renew'
	| 'expire'
	| 'fill'
	| 'release'
	| 'fulfill'
	| 'unfulfill'
	| 'hide'
	| 'restore'
	| 'release-held'
	| 'release-queued';

/** From which statuses each event may move a post, and where to. */
const TRANSITIONS: Record<PostEvent, { from: PostStatus[]; to: PostStatus }> = {
	withdraw: { from: ['OPEN', 'CLAIMED', 'HELD', 'QUEUED'], to: 'WITHDRAWN' },
	/**
	 * The poster accepted a network's offer to put the need on its household roster
	 * (households/take-in.ts): it leaves the board as a withdrawal does, so its pending replies wait out
	 * their 48 hours as on any post off the board, but only while open: a need a helper has already taken
	 * is under way.
	 */
	'take-in': { from: ['OPEN'], to: 'WITHDRAWN' },
	renew: { from: ['OPEN', 'EXPIRED'], to: 'OPEN' },
	expire: { from: ['OPEN'], to: 'EXPIRED' },
	/** Its last place was taken by an accepted claim. */
	fill: { from: ['OPEN'], to: 'CLAIMED' },
	/** An accepted claim was released, so there is room again. */
	release: { from: ['CLAIMED'], to: 'OPEN' },
	fulfill: { from: ['OPEN', 'CLAIMED'], to: 'FULFILLED' },
	/** One of the two said the help didn't happen after all: the need is its helper's to finish again. */
	unfulfill: { from: ['FULFILLED'], to: 'CLAIMED' },
	/** Moderation: off every public page until a moderator restores it. */
	hide: { from: ['OPEN', 'CLAIMED'], to: 'HIDDEN' },
	restore: { from: ['HIDDEN'], to: 'OPEN' },
	/** A moderator lets a held first post onto the board. */
	'release-held': { from: ['HELD'], to: 'OPEN' },
	/** A request past its network's daily cap takes one of a later day's places (networks/intake-queue.ts). */
	'release-queued': { from: ['QUEUED'], to: 'OPEN' }
};

export function canTransition(status: PostStatus, event: PostEvent): boolean {
	return TRANSITIONS[event].from.includes(status);
}

/** What a post's replies amount to, counted by claim status (sets in claims/capacity.ts). */
export interface ClaimsSummary {
	/** Every reply ever made, whatever became of it. */
	replies: number;
	/** Pending or accepted. */
	live: number;
	/** Accepted or completed: places given away. */
	taken: number;
}

/** The change a poster asks for, as far as the rules care. */
export interface EditChange {
	kind: 'NEED' | 'OFFER';
	/** People the post will take: Infinity when ongoing (see capacityOf). */
	capacity: number;
	/** A different neighborhood or network. */
	moving: boolean;
}

export type EditRefusal = 'not-editable' | 'kind-locked' | 'quantity-below-taken' | 'neighborhood-locked';

/**
 * Whether a poster may make this change, or the first rule it breaks. Someone who replied answered a need
 * or an offer, so its kind stays; places already given cannot be taken back; and a post someone is
 * helping with stays in the network whose moderators know of it.
 */
export function editRefusal(
	post: { status: PostStatus; kind: 'NEED' | 'OFFER' },
	claims: ClaimsSummary,
	change: EditChange
): EditRefusal | null {
	if (!canEdit(post.status)) return 'not-editable';
	if (change.kind !== post.kind && claims.replies > 0) return 'kind-locked';
	if (change.capacity < claims.taken) return 'quantity-below-taken';
	if (change.moving && (claims.live > 0 || claims.taken > 0)) return 'neighborhood-locked';
	return null;
}

/** Only an open post is its poster's to edit: a held, hidden or closed one is a moderator's or over. */
export const canEdit = (status: PostStatus) => status === 'OPEN';

/** Statuses that take a post off the board; its poster still sees it. */
export const OFF_BOARD: PostStatus[] = ['WITHDRAWN', 'EXPIRED', 'HIDDEN', 'HELD', 'QUEUED'];

/** Whether someone may see a post's page at all (null is a visitor who is not signed in). */
export function visibleTo(post: { status: PostStatus; authorId: string }, viewer: { id: string } | null) {
	return !OFF_BOARD.includes(post.status) || viewer?.id === post.authorId;
}

/** What the poster's own buttons may do to a post in this status, for the pages. */
export const posterMoves = (status: PostStatus) => ({
	edit: canEdit(status),
	renew: canTransition(status, 'renew'),
	withdraw: canTransition(status, 'withdraw')
});

export class TransitionError extends Error {}

type Writer = typeof db | Prisma.TransactionClient;

/** Moves one post; throws TransitionError when its current status does not allow the event. */
export async function transition(postId: number, event: PostEvent, now = new Date(), tx: Writer = db) {
	const { from, to } = TRANSITIONS[event];
	const data: Prisma.PostUpdateManyMutationInput = { status: to };
	if (event === 'renew')
		Object.assign(data, { expiresAt: expiryFrom(now), reminderSentAt: null, closedAt: null });
	else if (event === 'restore') Object.assign(data, { closedAt: null, hiddenReason: null });
	// Its two weeks on the board start when it reaches the board, on the day whose place it takes.
	else if (event === 'release-queued')
		Object.assign(data, {
			expiresAt: expiryFrom(now),
			intakeDay: new Date(`${dateInNewYork(now)}T00:00:00Z`),
			closedAt: null
		});
	else if (to === 'OPEN' || to === 'CLAIMED') Object.assign(data, { closedAt: null });
	else Object.assign(data, { closedAt: now });
	const { count } = await tx.post.updateMany({ where: { id: postId, status: { in: from } }, data });
	if (count !== 1) throw new TransitionError(`Cannot ${event} post ${postId} from its current status`);
}

/** A deleted account's open posts leave the board with it. */
export async function withdrawAllBy(tx: Prisma.TransactionClient, authorId: string, now = new Date()) {
	await tx.post.updateMany({
		where: { authorId, status: { in: TRANSITIONS.withdraw.from } },
		data: { status: 'WITHDRAWN', closedAt: now }
	});
}

/** Expires every open post past its date. Safe to run from several instances at once. */
export async function expireDuePosts(now = new Date()) {
	const { count } = await db.post.updateMany({
		where: { status: 'OPEN', expiresAt: { lte: now } },
		data: { status: 'EXPIRED', closedAt: now }
	});
	return count;
}

export interface ReminderMail {
	subject: (locale: Locale) => string;
	body: (args: { title: string; url: string; days: number }, locale: Locale) => string;
	/** The same, short, for people who chose texts. */
	text: (args: { title: string; url: string; days: number }, locale: Locale) => string;
}

/** Open posts expiring soon whose poster was not asked yet; the index on these columns keeps "none" cheap. */
export function postsDueReminder(now: Date) {
	const soon = new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY_MS);
	return db.post.findMany({
		where: dueReminder(now, soon),
		select: { id: true, seriesId: true },
		// The order is the index's (reminderSentAt is null in every row here): by id, or by expiry
		// alone, the planner walks another index and reads every post expiring soon to find none due.
		orderBy: [{ reminderSentAt: 'asc' }, { expiresAt: 'asc' }],
		take: 200
	});
}

const dueReminder = (now: Date, soon: Date) =>
	({ status: 'OPEN', reminderSentAt: null, expiresAt: { lte: soon, gt: now } }) as const;

/**
 * Asks each poster whose post expires soon whether it is still needed, once per renewal. The
 * occurrences of one series due together are one question (one mail or text, linking the series).
 */
export async function sendExpiryReminders(origin: string, mail: ReminderMail, now = new Date()) {
	const soon = new Date(now.getTime() + REMINDER_DAYS_BEFORE * DAY_MS);
	return mailDueRows({
		find: () => postsDueReminder(now),
		claim: (tx, { id, seriesId }) =>
			tx.post.updateMany({
				where: seriesId === null ? { id, reminderSentAt: null } : { seriesId, ...dueReminder(now, soon) },
				data: { reminderSentAt: now }
			}),
		send: async (tx, { id, seriesId }) => {
			const post = await tx.post.findUniqueOrThrow({
				where: { id },
				select: { title: true, ...POSTER_MAIL_SELECT }
			});
			const url = seriesId === null ? `${origin}/posts/${id}` : `${origin}/series/${seriesId}`;
			const args = { title: post.title, url, days: REMINDER_DAYS_BEFORE };
			return notifyAll(tx, await posterRecipients(tx, post), {
				mail: (locale) => ({ subject: mail.subject(locale), text: mail.body(args, locale) }),
				text: (locale) => mail.text({ ...args, title: textTitle(post.title) }, locale),
				url: args.url,
				prompt: { kind: 'still-needed', postId: id }
			});
		}
	});
}
