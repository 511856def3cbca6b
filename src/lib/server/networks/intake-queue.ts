// A network's optional daily request cap: past that many new requests in a New York day, further ones
// wait in a queue (status QUEUED: off the board, seen only by their poster) and the daily job releases
// them oldest first into the next days' places. Both the place-taking and the release lock the
// network's row, so neither two posts nor two app instances can give out the same place.
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { dateInNewYork } from '../calendar.ts';
import { transition } from '../posts/lifecycle.ts';

type Tx = Prisma.TransactionClient;

export const DAILY_CAP_MAX = 500;

const dayOf = (now: Date) => new Date(`${dateInNewYork(now)}T00:00:00Z`);
const addDays = (date: Date, days: number) => new Date(date.getTime() + days * 24 * 60 * 60 * 1000);

/** Requests that took one of today's places in the network. */
const takenToday = (tx: Tx, networkId: number, now: Date) =>
	tx.post.count({ where: { networkId, intakeDay: dayOf(now) } });

/**
 * Where a new request goes: one of today's places, or the queue when they are gone or others already
 * wait (nobody jumps the queue between two releases). Every request is stamped with its day, so a cap
 * set in the middle of a day counts the ones that came before it.
 */
export async function dailyPlace(tx: Tx, networkId: number, now: Date) {
	const { dailyRequestCap } = await tx.network.findUniqueOrThrow({
		where: { id: networkId },
		select: { dailyRequestCap: true }
	});
	const open = { status: 'OPEN', intakeDay: dayOf(now) } as const;
	if (dailyRequestCap === null) return open;
	await tx.$queryRaw`SELECT id FROM networks WHERE id = ${networkId} FOR UPDATE`;
	const waiting = await tx.post.count({ where: { networkId, status: 'QUEUED' } });
	if (waiting === 0 && (await takenToday(tx, networkId, now)) < dailyRequestCap) return open;
	return { status: 'QUEUED', intakeDay: null } as const;
}

/**
 * The honest estimate a queued request's poster sees: its place in line, and the day it should reach
 * the board if the cap stays as it is (today's places left first, then a cap's worth a day).
 */
export async function queueEstimate(postId: number, now = new Date()) {
	const post = await db.post.findUniqueOrThrow({
		where: { id: postId },
		select: { createdAt: true, network: { select: { id: true, name: true, dailyRequestCap: true } } }
	});
	const { id: networkId, name, dailyRequestCap } = post.network;
	const position = await db.post.count({
		where: {
			networkId,
			status: 'QUEUED',
			// The release order: oldest first, ties by id.
			OR: [{ createdAt: { lt: post.createdAt } }, { createdAt: post.createdAt, id: { lte: postId } }]
		}
	});
	const cap = dailyRequestCap ?? Number.POSITIVE_INFINITY;
	const leftToday = Math.max(0, cap - (await takenToday(db, networkId, now)));
	const days = position <= leftToday ? 0 : Math.ceil((position - leftToday) / cap);
	return { network: name, position, date: addDays(dayOf(now), Number.isFinite(days) ? days : 0) };
}

/**
 * The scheduled job: each network's queue takes the day's free places, oldest first (all of it once the
 * cap is lifted). A network another instance is releasing is skipped, not waited for.
 */
export async function releaseQueues(now = new Date()) {
	const networks = await db.post.groupBy({ by: ['networkId'], where: { status: 'QUEUED' } });
	let released = 0;
	for (const { networkId } of networks) {
		released += await db.$transaction(async (tx) => {
			const [network] = await tx.$queryRaw<{ daily_request_cap: number | null }[]>`
				SELECT daily_request_cap FROM networks WHERE id = ${networkId} FOR UPDATE SKIP LOCKED`;
			if (!network) return 0;
			const cap = network.daily_request_cap;
			const free = cap === null ? undefined : Math.max(0, cap - (await takenToday(tx, networkId, now)));
			if (free === 0) return 0;
			const next = await tx.post.findMany({
				where: { networkId, status: 'QUEUED' },
				orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
				take: free ?? 500,
				select: { id: true }
			});
			for (const post of next) await transition(post.id, 'release-queued', now, tx);
			return next.length;
		});
	}
	return released;
}
