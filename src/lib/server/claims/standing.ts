// A standing commitment: one volunteer takes every occurrence of a series, those already on the board
// and those the job adds later, and can step back from it. Each occurrence still gets its own claim
// through claims/lifecycle.ts (its rules, its thread); what is one here is the word between the two
// people: one mail when it is offered, accepted or ended, however many occurrences it covers.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { dateInNewYork } from '../calendar.ts';
import { notify } from '../mail/notify.ts';
import { formatDay } from '../distributions/texts.ts';
import { RECIPIENT } from '../mail/recipient.ts';
import { LIVE_CLAIM } from './capacity.ts';
import { acceptWithin, ClaimError, endClaimsOf, openClaim } from './lifecycle.ts';

type Tx = Prisma.TransactionClient;

/** A series with nobody committed to it. */
export const NO_STANDING = {
	standingClaimantId: null,
	standingNote: null,
	standingAcceptedAt: null
} satisfies Prisma.PostSeriesUncheckedUpdateInput;

/** Locks the series for the rest of the transaction: commitments to it are taken one at a time. */
async function lockSeries(tx: Tx, seriesId: number) {
	const [locked] = await tx.$queryRaw<
		{ id: number }[]
	>`SELECT id FROM post_series WHERE id = ${seriesId} FOR UPDATE`;
	if (!locked) throw new ClaimError('not-open');
	return tx.postSeries.findUniqueOrThrow({
		where: { id: seriesId },
		select: {
			endedAt: true,
			standingClaimantId: true,
			standingAcceptedAt: true,
			author: { select: { ...RECIPIENT, name: true } },
			standingClaimant: { select: { ...RECIPIENT, name: true } },
			posts: { orderBy: { occursOn: 'desc' }, take: 1, select: { title: true } }
		}
	});
}

/** Occurrences from today on, of one series. */
const upcoming = (seriesId: number, now: Date) => ({
	seriesId,
	occursOn: { gte: new Date(`${dateInNewYork(now)}T00:00:00Z`) }
});

type Kind = 'offered' | 'accepted' | 'ended' | 'away';
type StandingMessage = (
	args: { title: string; name: string; count: number; total: number; url: string; date: string },
	options: { locale: Locale }
) => string;
const MAILS: Record<Kind, { subject: StandingMessage; body: StandingMessage; text: StandingMessage }> = {
	offered: {
		subject: m.series_standing_offered_subject,
		body: m.series_standing_offered_body,
		text: m.series_standing_offered_text
	},
	accepted: {
		subject: m.series_standing_accepted_subject,
		body: m.series_standing_accepted_body,
		text: m.series_standing_accepted_text
	},
	ended: {
		subject: m.series_standing_ended_subject,
		body: m.series_standing_ended_body,
		text: m.series_standing_ended_text
	},
	away: {
		subject: m.series_standing_away_subject,
		body: m.series_standing_away_body,
		text: m.series_standing_away_text
	}
};

/** One notice about the whole commitment, naming the other person and how many occurrences it covers. */
async function tell(
	tx: Tx,
	to: Prisma.UserGetPayload<{ select: typeof RECIPIENT }>,
	kind: Kind,
	args: { title: string; name: string | null; count: number; url: string; through?: string }
) {
	const { subject, body, text } = MAILS[kind];
	// `total`, not `count`: a figure after a colon reads the same in every language, with no plural forms.
	const full = (locale: Locale) => ({
		...args,
		total: args.count,
		name: args.name ?? m.post_someone({}, { locale }),
		date: args.through ? formatDay(args.through, locale) : ''
	});
	await notify(tx, to, {
		mail: (locale) => ({ subject: subject(full(locale), { locale }), text: body(full(locale), { locale }) }),
		text: (locale) => text(full(locale), { locale }),
		url: args.url
	});
}

/**
 * A volunteer offers to take every occurrence from today on: a pending claim on each open one, and the
 * job claims each new one too. It counts once against the network's claim cap (its first claim).
 */
export async function takeStanding(
	seriesId: number,
	volunteerId: string,
	note: string,
	origin: string,
	now = new Date()
) {
	return db.$transaction(async (tx) => {
		const series = await lockSeries(tx, seriesId);
		if (series.endedAt) throw new ClaimError('not-open');
		if (series.standingClaimantId) throw new ClaimError('already-claimed');
		const open = await tx.post.findMany({
			where: { ...upcoming(seriesId, now), status: 'OPEN' },
			orderBy: { occursOn: 'asc' },
			select: { id: true }
		});
		if (!open.length) throw new ClaimError('not-open');
		let claimed = 0;
		for (const post of open) {
			const mine = await tx.claim.count({
				where: { postId: post.id, claimantId: volunteerId, status: { in: [...LIVE_CLAIM] } }
			});
			if (!mine) await openClaim(tx, post.id, volunteerId, note, { capped: claimed === 0 });
			claimed++;
		}
		const { standingClaimant } = await tx.postSeries.update({
			where: { id: seriesId },
			data: { standingClaimantId: volunteerId, standingNote: note, standingAcceptedAt: null },
			select: { standingClaimant: { select: { name: true } } }
		});
		await tell(tx, series.author, 'offered', {
			title: series.posts[0]?.title ?? '',
			name: standingClaimant?.name ?? null,
			count: claimed,
			url: `${origin}/series/${seriesId}`
		});
	});
}

/** The poster accepts the commitment: every pending claim of it is accepted, and the volunteer told once. */
export async function acceptStanding(seriesId: number, origin: string, now = new Date()) {
	await db.$transaction(async (tx) => {
		const series = await lockSeries(tx, seriesId);
		if (!series.standingClaimantId || !series.standingClaimant || series.standingAcceptedAt) {
			throw new ClaimError('status');
		}
		const pending = await tx.claim.findMany({
			where: { claimantId: series.standingClaimantId, status: 'PENDING', post: upcoming(seriesId, now) },
			select: { id: true }
		});
		let accepted = 0;
		for (const claim of pending) {
			await acceptWithin(tx, claim.id, origin, now, { mail: false });
			accepted++;
		}
		await tx.postSeries.update({ where: { id: seriesId }, data: { standingAcceptedAt: now } });
		await tell(tx, series.standingClaimant, 'accepted', {
			title: series.posts[0]?.title ?? '',
			name: series.author.name,
			count: accepted,
			url: `${origin}/series/${seriesId}`
		});
	});
}

/**
 * The volunteer steps back: their claims on the occurrences still ahead end (accepted ones released,
 * so those occurrences are open on the board again; pending ones withdrawn), the past ones stay as they
 * were, and the poster is told once. Returns how many occurrences reopened or were freed.
 */
export async function stepBack(seriesId: number, volunteerId: string, origin: string, now = new Date()) {
	return db.$transaction(async (tx) => {
		const series = await lockSeries(tx, seriesId);
		if (series.standingClaimantId !== volunteerId || !series.standingClaimant) throw new ClaimError('status');
		const ended = await endClaimsOf(tx, volunteerId, upcoming(seriesId, now), origin, now);
		await tx.postSeries.update({
			where: { id: seriesId },
			data: NO_STANDING
		});
		await tell(tx, series.author, 'ended', {
			title: series.posts[0]?.title ?? '',
			name: series.standingClaimant.name,
			count: ended,
			url: `${origin}/series/${seriesId}`
		});
		return ended;
	});
}

/** Someone leaving the site drops the commitments they made (their claims end with the account's). */
export async function dropStandingOf(tx: Tx, volunteerId: string) {
	await tx.postSeries.updateMany({
		where: { standingClaimantId: volunteerId },
		data: NO_STANDING
	});
}

/**
 * The volunteer is away through `through` (YYYY-MM-DD, the last day away): their dates of each series
 * until then end as stepping back would end them, and each poster is told once, while the commitment
 * stays for the dates after (the job skips the away days too). Returns how many dates opened again.
 */
export async function standAsideUntil(
	volunteerId: string,
	through: string,
	origin: string,
	now = new Date()
) {
	return db.$transaction(async (tx) => {
		const committed = await tx.postSeries.findMany({
			where: { standingClaimantId: volunteerId, endedAt: null },
			select: { id: true },
			orderBy: { id: 'asc' }
		});
		let opened = 0;
		for (const { id } of committed) {
			const series = await lockSeries(tx, id);
			const { occursOn } = upcoming(id, now);
			const untilBack = { seriesId: id, occursOn: { ...occursOn, lte: new Date(`${through}T00:00:00Z`) } };
			const ended = await endClaimsOf(tx, volunteerId, untilBack, origin, now);
			if (!ended) continue;
			await tell(tx, series.author, 'away', {
				title: series.posts[0]?.title ?? '',
				name: series.standingClaimant?.name ?? null,
				count: ended,
				url: `${origin}/series/${id}`,
				through
			});
			opened += ended;
		}
		return opened;
	});
}
