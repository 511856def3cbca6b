// When volunteers run out, a network's organizers pause new requests rather than leave people waiting
// on a board nobody answers: until a date they choose, with their own words, and with the other places
// a neighbor can turn to. Routing (places/index.ts) sends new posts to the other networks meanwhile, and
// the pause ends by itself when its date comes: nobody has to remember to lift it.
import { z } from 'zod';
import { db } from '../db/index.ts';
import * as audit from '../moderation/audit.ts';
import { futureDate, startOfDayInNewYork } from '../calendar.ts';
import { paragraph } from '../http/fields.ts';
import { referenceDataChanged } from '../places/cache.ts';
import { ACTIVE, isPaused, takingPosts } from '../places/index.ts';

export const PAUSE_MESSAGE_MAX = 600;
/** Longer than this is not a pause but a stop, which is what "no longer active" is for. */
export const PAUSE_MAX_DAYS = 90;

/** The pause form; the date is checked against the day it is sent (pauseSchemaAt). */
export function pauseSchemaAt(now = new Date()) {
	return z.object({
		// The day it takes requests again: "until December 7" means open again on December 7.
		until: futureDate(now, PAUSE_MAX_DAYS, {
			invalid: 'pause_error_until',
			past: 'pause_error_until_past',
			far: 'pause_error_until_far'
		}),
		message: paragraph(PAUSE_MESSAGE_MAX, 'pause_error_message_long')
	});
}
export type PauseInput = z.output<ReturnType<typeof pauseSchemaAt>>;

/**
 * Callers authorize 'network:capacity' first. Pausing again moves the date and replaces the message;
 * every change is logged with the date, so the team can see who paused until when.
 */
export async function pauseNetwork(actorId: string, networkId: number, input: PauseInput) {
	const until = startOfDayInNewYork(input.until);
	await db.$transaction(async (tx) => {
		await tx.network.update({
			where: { id: networkId },
			data: { pausedUntil: until, pauseMessage: input.message || null }
		});
		await audit.record(tx, { networkId, actorId, action: 'pause', details: input.until });
	});
	referenceDataChanged();
}

/** Takes requests again now. Only a pause still running is lifted and logged, so a second tap is a no-op. */
export async function resumeNetwork(actorId: string, networkId: number, now = new Date()) {
	const resumed = await db.$transaction(async (tx) => {
		const { count } = await tx.network.updateMany({
			where: { id: networkId, pausedUntil: { gt: now } },
			data: { pausedUntil: null, pauseMessage: null }
		});
		if (count) await audit.record(tx, { networkId, actorId, action: 'resume' });
		return count > 0;
	});
	if (resumed) referenceDataChanged();
	return resumed;
}

/** What the capacity page shows of a network: its pause as set (running or not) and its limits. */
export async function capacityOf(networkId: number, now = new Date()) {
	const network = await db.network.findUniqueOrThrow({
		where: { id: networkId },
		select: { pausedUntil: true, pauseMessage: true, claimCap: true, dailyRequestCap: true }
	});
	const paused = isPaused(network, now);
	return {
		pausedUntil: paused ? network.pausedUntil : null,
		pauseMessage: paused ? network.pauseMessage : null,
		claimCap: network.claimCap,
		dailyRequestCap: network.dailyRequestCap
	};
}

/** How many other places a pause notice lists at most, so it stays readable on a phone. */
const ELSEWHERE_MAX = 8;

export interface PauseNotice {
	name: string;
	slug: string;
	until: Date;
	/** The organizers' words, in their language: plain text. */
	message: string | null;
	/** Other networks taking requests where this one works, and the citywide ones. */
	elsewhere: { name: string; slug: string; citywide: boolean }[];
}

/**
 * What a paused network tells people, or null when it is taking requests. Where else to turn is
 * computed, not written: the networks taking posts in the neighborhoods it covers (for a network without
 * a neighborhood list, the others serving its borough), then the citywide ones.
 */
export async function pauseNoticeOf(networkId: number, now = new Date()): Promise<PauseNotice | null> {
	const network = await db.network.findUnique({
		where: { id: networkId },
		select: {
			id: true,
			name: true,
			slug: true,
			boroughId: true,
			pausedUntil: true,
			pauseMessage: true,
			inactiveSince: true,
			coverage: { select: { neighborhoodId: true } }
		}
	});
	if (!network || network.inactiveSince || !isPaused(network, now)) return null;
	const others = { ...takingPosts(now), id: { not: network.id } };
	const local = await db.network.findMany({
		where: network.coverage.length
			? {
					...others,
					coverage: { some: { neighborhoodId: { in: network.coverage.map((c) => c.neighborhoodId) } } }
				}
			: { ...others, coverage: { none: {} }, boroughId: network.boroughId ?? -1 },
		orderBy: { name: 'asc' },
		take: ELSEWHERE_MAX,
		select: { name: true, slug: true }
	});
	const citywide = await db.network.findMany({
		where: { ...others, coverage: { none: {} }, boroughId: null },
		orderBy: { name: 'asc' },
		take: ELSEWHERE_MAX,
		select: { name: true, slug: true }
	});
	return {
		name: network.name,
		slug: network.slug,
		until: network.pausedUntil!,
		message: network.pauseMessage,
		elsewhere: [
			...local.map((n) => ({ ...n, citywide: false })),
			...citywide.map((n) => ({ ...n, citywide: true }))
		].slice(0, ELSEWHERE_MAX)
	};
}

/** The notices of those of `networkIds` that are paused, in the order given. */
export async function pauseNoticesOf(networkIds: number[], now = new Date()) {
	// One query to find the few paused ones: an admin's intake page asks about every network.
	const paused = await db.network.findMany({
		where: { id: { in: networkIds }, ...ACTIVE, pausedUntil: { gt: now } },
		select: { id: true }
	});
	const ids = new Set(paused.map((network) => network.id));
	const notices = await Promise.all(
		networkIds.filter((id) => ids.has(id)).map((id) => pauseNoticeOf(id, now))
	);
	return notices.filter((notice): notice is PauseNotice => notice !== null);
}
