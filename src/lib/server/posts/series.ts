// Repeating requests: a series makes its occurrences, each an ordinary post (its own page, claims,
// expiry), a few weeks ahead at a time. Statuses still change only through lifecycle.ts, and claims
// only through claims/lifecycle.ts; this module decides which days exist and keeps the series' one
// set of controls (pause, resume, end). Every job here is safe to run from several instances: a
// series is worked on under FOR UPDATE SKIP LOCKED, and (series, day) is unique.
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import type { PostStatus } from '../../posts.ts';
import { dateInNewYork, startOfDayInNewYork } from '../calendar.ts';
import { acceptWithin, ClaimError, openClaim } from '../claims/lifecycle.ts';
import { NO_STANDING } from '../claims/standing.ts';
import { OFF_BOARD, transition } from './lifecycle.ts';
import { addDays, HORIZON_DAYS, nextOccurrences, type Recurrence } from './recurrence.ts';

type Tx = Prisma.TransactionClient;

const asDay = (date: Date) => date.toISOString().slice(0, 10);
const fromDay = (day: string) => new Date(`${day}T00:00:00Z`);

/** What each occurrence copies from the one before it (or from the form, for the first ones). */
export const OCCURRENCE_TEMPLATE = {
	kind: true,
	title: true,
	details: true,
	category: true,
	quantity: true,
	ongoing: true,
	languages: true,
	language: true,
	authorId: true,
	neighborhoodId: true,
	networkId: true,
	networkIsFallback: true,
	privacyFlagged: true
} as const satisfies Prisma.PostSelect;

export type OccurrenceTemplate = Prisma.PostGetPayload<{ select: typeof OCCURRENCE_TEMPLATE }>;

/**
 * One occurrence's post: due on its day, and off the board once that day is over in New York, so
 * "expired" means "the day passed" and "still needed?" asks the day before.
 */
function occurrenceData(
	template: OccurrenceTemplate,
	seriesId: number,
	day: string,
	status: PostStatus,
	now: Date
): Prisma.PostUncheckedCreateInput {
	return {
		...template,
		seriesId,
		status,
		occursOn: fromDay(day),
		timeWindow: 'BY_DATE',
		neededBy: fromDay(day),
		dueAt: fromDay(day),
		createdAt: now,
		expiresAt: startOfDayInNewYork(addDays(day, 1))
	};
}

interface SeriesRow {
	id: number;
	rule: Recurrence['rule'];
	startsOn: Date;
	weekdays: number[];
	until: Date | null;
	count: number | null;
	created: number;
	standingClaimantId: string | null;
	standingNote: string | null;
	standingAcceptedAt: Date | null;
	standingClaimant: { awayUntil: Date | null } | null;
}

const SERIES_ROW = {
	id: true,
	rule: true,
	startsOn: true,
	weekdays: true,
	until: true,
	count: true,
	created: true,
	standingClaimantId: true,
	standingNote: true,
	standingAcceptedAt: true,
	standingClaimant: { select: { awayUntil: true } }
} as const satisfies Prisma.PostSeriesSelect;

const recurrenceOf = (
	series: Pick<SeriesRow, 'rule' | 'startsOn' | 'weekdays' | 'until' | 'count'>
): Recurrence => ({
	rule: series.rule,
	startsOn: asDay(series.startsOn),
	weekdays: series.weekdays,
	until: series.until && asDay(series.until),
	count: series.count
});

/**
 * Creates the series' occurrences due by the horizon (and always its first, however far off). Days
 * already past when it runs (a series resumed after a pause) are counted but not posted, so the end
 * still comes when the poster said. A standing commitment claims each new one, accepted if the poster
 * accepted the commitment. Returns the ids made.
 */
async function addOccurrences(
	tx: Tx,
	series: SeriesRow,
	template: OccurrenceTemplate,
	status: PostStatus,
	origin: string,
	now: Date
) {
	const today = dateInNewYork(now);
	const recurrence = recurrenceOf(series);
	const horizon = addDays(today, HORIZON_DAYS);
	// The first occurrences always include the first day, however far off (a week on, for weekdays).
	const firstWeek = addDays(recurrence.startsOn, 6);
	const through = series.created === 0 && firstWeek > horizon ? firstWeek : horizon;
	const { days, finished } = nextOccurrences(recurrence, series.created, through);
	const ids: number[] = [];
	let standing = series.standingClaimantId;
	for (const day of days.filter((day) => day >= today)) {
		const post = await tx.post.create({
			data: occurrenceData(template, series.id, day, status, now),
			select: { id: true }
		});
		ids.push(post.id);
		// A volunteer away that day leaves it open for others; the commitment takes the days after.
		const away = series.standingClaimant?.awayUntil;
		if (standing && status === 'OPEN' && !(away && startOfDayInNewYork(day) < away)) {
			try {
				const claimId = await openClaim(tx, post.id, standing, series.standingNote ?? '', { capped: false });
				if (series.standingAcceptedAt) await acceptWithin(tx, claimId, origin, now, { mail: false });
			} catch (problem) {
				// The volunteer may no longer take it (suspended from the network since): the commitment
				// ends, and the date goes on the board like any other rather than stopping every series.
				if (!(problem instanceof ClaimError)) throw problem;
				await tx.postSeries.update({ where: { id: series.id }, data: NO_STANDING });
				standing = null;
			}
		}
	}
	await tx.postSeries.update({
		where: { id: series.id },
		data: {
			created: series.created + days.length,
			...(days.length && { lastOccursOn: fromDay(days.at(-1)!) }),
			...(finished && { finishedAt: now })
		}
	});
	return ids;
}

/**
 * A new series and its first occurrences, in the transaction that places its first post; returns the
 * first occurrence's id. `clientKey` goes on that occurrence, so a second sending of the same form
 * finds it, or (sent at the same moment) fails on it and rolls back its own series whole.
 */
export async function createSeries(
	tx: Tx,
	recurrence: Recurrence,
	template: OccurrenceTemplate,
	status: PostStatus,
	now: Date,
	clientKey?: string
) {
	const series = await tx.postSeries.create({
		data: {
			authorId: template.authorId,
			networkId: template.networkId,
			rule: recurrence.rule,
			weekdays: recurrence.weekdays,
			startsOn: fromDay(recurrence.startsOn),
			until: recurrence.until ? fromDay(recurrence.until) : null,
			count: recurrence.count,
			createdAt: now
		},
		select: SERIES_ROW
	});
	// A new series has no standing commitment, so no claim (and no origin for its mail) is made here.
	// The form asks for a first day from today on, and the first day is always among those made.
	const first = (await addOccurrences(tx, series, template, status, '', now))[0]!;
	if (clientKey) await tx.post.update({ where: { id: first }, data: { clientKey } });
	return first;
}

/**
 * The scheduled job: tops up every running series to the horizon, copying the newest occurrence (so an
 * edit carries forward). A series whose newest occurrence a moderator hid waits for the moderator.
 */
export async function extendSeries(origin: string, now = new Date()) {
	const horizon = fromDay(addDays(dateInNewYork(now), HORIZON_DAYS));
	const due = await db.postSeries.findMany({
		where: {
			endedAt: null,
			finishedAt: null,
			paused: false,
			OR: [{ lastOccursOn: null }, { lastOccursOn: { lt: horizon } }]
		},
		select: { id: true },
		orderBy: { id: 'asc' },
		take: 200
	});
	let made = 0;
	for (const { id } of due) {
		made += await db.$transaction(async (tx) => {
			const [locked] = await tx.$queryRaw<{ id: number }[]>`
				SELECT id FROM post_series WHERE id = ${id} AND ended_at IS NULL AND finished_at IS NULL AND NOT paused
				   FOR UPDATE SKIP LOCKED`;
			if (!locked) return 0;
			const series = await tx.postSeries.findUniqueOrThrow({ where: { id }, select: SERIES_ROW });
			const newest = await tx.post.findFirst({
				where: { seriesId: id },
				orderBy: { occursOn: 'desc' },
				select: { ...OCCURRENCE_TEMPLATE, status: true }
			});
			if (!newest || newest.status === 'HIDDEN') return 0;
			const { status, ...template } = newest;
			const ids = await addOccurrences(
				tx,
				series,
				template,
				status === 'HELD' ? 'HELD' : 'OPEN',
				origin,
				now
			);
			return ids.length;
		});
	}
	return made;
}

export type SeriesControl = 'pause' | 'resume' | 'end';

/**
 * The poster's controls, each a conditional update so a second tap changes nothing. Ending withdraws
 * the occurrences still open from today on; those already taken stay with their helper, and the past
 * stays as it was. Returns whether anything changed.
 */
export async function controlSeries(seriesId: number, control: SeriesControl, now = new Date()) {
	return db.$transaction(async (tx) => {
		const running = { id: seriesId, endedAt: null };
		if (control !== 'end') {
			const { count } = await tx.postSeries.updateMany({
				where: { ...running, paused: control === 'resume' },
				data: { paused: control === 'pause' }
			});
			return count > 0;
		}
		const { count } = await tx.postSeries.updateMany({ where: running, data: { endedAt: now } });
		if (!count) return false;
		const open = await tx.post.findMany({
			where: { seriesId, status: 'OPEN', occursOn: { gte: fromDay(dateInNewYork(now)) } },
			select: { id: true }
		});
		for (const post of open) await transition(post.id, 'withdraw', now, tx);
		return true;
	});
}

/** Someone leaving the site ends every series they post; their open occurrences go with their posts. */
export async function endSeriesBy(tx: Prisma.TransactionClient, authorId: string, now: Date) {
	await tx.postSeries.updateMany({ where: { authorId, endedAt: null }, data: { endedAt: now } });
}

/**
 * An edit to one occurrence's words is an edit to the series: the later occurrences not yet taken or
 * closed take it too, and the job copies it forward (it copies the newest occurrence).
 */
export async function carryEditForward(
	tx: Tx,
	post: { seriesId: number | null; occursOn: Date | null },
	content: Prisma.PostUpdateManyMutationInput
) {
	if (post.seriesId === null || post.occursOn === null) return;
	await tx.post.updateMany({
		where: { seriesId: post.seriesId, status: 'OPEN', occursOn: { gt: post.occursOn } },
		data: content
	});
}

/** What the series page shows: its rule and state, and its occurrences the viewer may see. */
export async function getSeriesPage(seriesId: number, viewerId: string | null) {
	const series = await db.postSeries.findUnique({
		where: { id: seriesId },
		select: {
			...SERIES_ROW,
			authorId: true,
			paused: true,
			endedAt: true,
			standingClaimant: { select: { name: true } },
			posts: {
				orderBy: { occursOn: 'asc' },
				select: { id: true, title: true, kind: true, language: true, occursOn: true, status: true }
			}
		}
	});
	if (!series) return null;
	const mine = series.authorId === viewerId;
	const posts = series.posts.filter((post) => mine || !OFF_BOARD.includes(post.status));
	if (!posts.length) return null;
	const newest = posts.at(-1)!;
	return {
		id: series.id,
		authorId: series.authorId,
		title: newest.title,
		kind: newest.kind,
		language: newest.language,
		recurrence: recurrenceOf(series),
		paused: series.paused,
		ended: series.endedAt !== null,
		standing: series.standingClaimantId
			? {
					claimantId: series.standingClaimantId,
					name: series.standingClaimant?.name ?? null,
					accepted: series.standingAcceptedAt !== null
				}
			: null,
		occurrences: posts.map(({ id, occursOn, status }) => ({ id, occursOn: occursOn!, status })),
		/** The first occurrence not yet over, whose edit form edits the series from there on. */
		editable: posts.find((post) => post.status === 'OPEN')?.id ?? null
	};
}

/** Who a series belongs to, for the guard. */
export const seriesOwner = (seriesId: number) =>
	db.postSeries.findUnique({
		where: { id: seriesId },
		select: { id: true, authorId: true, networkId: true, standingClaimantId: true }
	});
