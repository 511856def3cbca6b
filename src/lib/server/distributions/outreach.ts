// Outreach for a distribution day: who to invite, the invitations texted a few a second (the
// provider's limit) by a pacer any instance may run, stopping, answers by text or by link, and the
// follow-ups for those who did not answer. One invitation per household per day, unique in the
// database, so nobody is texted twice for one day whatever runs at once.
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { locales, type Locale } from '$lib/paraglide/runtime';
import { dateInNewYork } from '../calendar.ts';
import { InvitationStatus } from '../db/generated/enums.ts';
import { db } from '../db/index.ts';
import { textTitle } from '../mail/notify.ts';
import { queueText } from '../mail/outbox.ts';
import { hashPhone } from '../sms/phone.ts';
import { newToken, type Tx } from './events.ts';
import {
	fillTemplate,
	firstName,
	formatDay,
	formatTime,
	invitationLink,
	invitationLocale,
	served,
	speaksServed
} from './texts.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
export const PREVIEW_PAGE_SIZE = 50;

/**
 * The households to invite: a number to text, an open request for something on hand that day, a
 * language the volunteers speak, nothing delivered in the last `sinceDays` days, not opted out of
 * texts, and not invited to this day already. By name.
 */
export async function eligibleHouseholds(distributionId: number, sinceDays: number, now = new Date()) {
	const day = await db.distribution.findUniqueOrThrow({
		where: { id: distributionId },
		include: { items: { where: { count: { gt: 0 } } } }
	});
	const categories = day.items.map((item) => item.category);
	const candidates = await db.household.findMany({
		where: {
			networkId: day.networkId,
			phone: { not: null },
			requests: { some: { status: 'OPEN', category: { in: categories } } },
			invitations: { none: { distributionId } },
			NOT: {
				requests: {
					some: {
						events: {
							some: { kind: 'delivered', at: { gte: new Date(now.getTime() - sinceDays * DAY_MS) } }
						}
					}
				}
			}
		},
		select: { id: true, name: true, phone: true, languages: true },
		orderBy: [{ name: 'asc' }, { id: 'asc' }]
	});
	const speaking = candidates.filter((h) => speaksServed(h.languages, day.languages));
	const hashes = new Map(speaking.map((h) => [hashPhone(h.phone!), h.id]));
	const optedOut = new Set(
		(await db.smsOptOut.findMany({ where: { numberHash: { in: [...hashes.keys()] } } })).map((row) =>
			hashes.get(row.numberHash)
		)
	);
	return speaking.filter((h) => !optedOut.has(h.id)).map((h) => ({ ...h, phone: h.phone! }));
}

/** Each served language's default invitation, with the fields left for the coordinator to see. */
export function defaultTemplates(languages: readonly string[], networkName: string) {
	const fields = { first_name: '{first_name}', date: '{date}', link: '{link}', code: '{code}' };
	return Object.fromEntries(
		locales
			.filter((locale) => served(locale, languages))
			.map((locale) => [
				locale,
				m.sms_distribution_invite({ ...fields, network: textTitle(networkName) }, { locale })
			])
	) as Partial<Record<Locale, string>>;
}

export class NobodyToInviteError extends Error {}
/** The day was ended, or is past: nobody is invited to it any more. */
export class DayOverError extends Error {}

/** A day households may still be invited to or answer for. */
const dayAhead = (now: Date) => ({ closedAt: null, date: { gte: dateInNewYork(now) } });

/**
 * Starts a run: every eligible household gets a queued invitation (skipped when it has one for this day
 * already), in its language; the pacer texts them.
 */
export async function startOutreach(
	distributionId: number,
	templates: Partial<Record<Locale, string>>,
	sinceDays: number,
	now = new Date()
) {
	const day = await db.distribution.findFirst({ where: { id: distributionId, ...dayAhead(now) } });
	if (!day) throw new DayOverError();
	const households = await eligibleHouseholds(distributionId, sinceDays, now);
	if (!households.length) throw new NobodyToInviteError();
	const { languages } = day;
	return db.$transaction(async (tx) => {
		const run = await tx.outreachRun.create({ data: { distributionId, templates, total: 0 } });
		const { count } = await tx.invitation.createMany({
			data: households.map((h) => ({
				distributionId,
				householdId: h.id,
				runId: run.id,
				token: newToken(),
				locale: invitationLocale(h.languages, languages)
			})),
			skipDuplicates: true
		});
		return tx.outreachRun.update({ where: { id: run.id }, data: { total: count } });
	});
}

/**
 * Texts up to `limit` queued invitations of runs not stopped. Each is claimed by a conditional update,
 * so instances running this at once never text one twice; the SMS worker still drops a number that
 * opted out meanwhile. Returns how many were texted.
 */
export async function sendOutreachBatch(origin: string, limit: number, now = new Date()) {
	const queued = await db.invitation.findMany({
		where: { status: 'QUEUED', run: { stoppedAt: null }, distribution: dayAhead(now) },
		orderBy: { id: 'asc' },
		take: limit,
		select: {
			id: true,
			token: true,
			locale: true,
			household: { select: { name: true, phone: true } },
			distribution: { select: { date: true } },
			run: { select: { id: true, templates: true } }
		}
	});
	let sent = 0;
	for (const invitation of queued) {
		const phone = invitation.household.phone;
		const templates = (invitation.run?.templates ?? {}) as Record<string, string>;
		const template = templates[invitation.locale] ?? Object.values(templates)[0];
		if (!phone || !template) continue;
		const locale = invitation.locale as Locale;
		const text = fillTemplate(template, {
			first_name: firstName(invitation.household.name),
			date: formatDay(invitation.distribution.date, locale),
			link: invitationLink(origin, invitation.token),
			code: String(invitation.id)
		});
		const done = await db.$transaction(async (tx) => {
			const { count } = await tx.invitation.updateMany({
				where: { id: invitation.id, status: 'QUEUED' },
				data: { status: 'INVITED', sentAt: now, lastTextAt: now }
			});
			if (count === 1) await queueText(tx, { to: phone, text });
			return count === 1;
		});
		if (done) sent++;
	}
	await db.outreachRun.updateMany({
		where: { finishedAt: null, stoppedAt: null, invitations: { none: { status: 'QUEUED' } } },
		data: { finishedAt: now }
	});
	return sent;
}

/** Whether any run still has invitations to text: the pacer's cheap check each second. */
export const outreachPending = async () =>
	(await db.invitation.count({ where: { status: 'QUEUED', run: { stoppedAt: null } } })) > 0;

/** Texts queued invitations a few a second until none is left; returns the stop function. */
export function startOutreachPacer(origin: string, perSecond: number) {
	let running = false;
	const timer = setInterval(() => {
		if (running) return;
		running = true;
		void (async () => {
			if (await outreachPending()) await sendOutreachBatch(origin, perSecond);
		})()
			.catch(() => undefined)
			.finally(() => (running = false));
	}, 1000);
	timer.unref();
	return () => clearInterval(timer);
}

/**
 * Stops a run: what was not texted yet is not texted, and those households may be invited again by a
 * later run for this day.
 */
export async function stopOutreach(distributionId: number, runId: number, now = new Date()) {
	await db.$transaction(async (tx) => {
		const { count } = await tx.outreachRun.updateMany({
			where: { id: runId, distributionId, stoppedAt: null, finishedAt: null },
			data: { stoppedAt: now }
		});
		if (count) await tx.invitation.deleteMany({ where: { runId, status: 'QUEUED' } });
	});
}

/** A day's runs, newest first, each with how many were texted out of how many. */
export async function outreachRuns(distributionId: number) {
	const runs = await db.outreachRun.findMany({
		where: { distributionId },
		orderBy: { id: 'desc' },
		include: { _count: { select: { invitations: { where: { sentAt: { not: null } } } } } }
	});
	return runs.map((run) => ({
		id: run.id,
		createdAt: run.createdAt,
		total: run.total,
		sent: run._count.invitations,
		stopped: run.stoppedAt !== null,
		finished: run.finishedAt !== null
	}));
}

export type Reply = 'booked' | 'full' | 'declined' | 'closed';
const ANSWERABLE = ['INVITED', 'NO_ANSWER', 'CONFIRMED', 'DECLINED'] as const;

/**
 * A household's answer: "come" books the earliest slot still to come with room (its own slot when it
 * has one), "decline" gives the slot back. The day's row is locked first, so two answers at once cannot
 * both take a slot's last place. Texts the household the outcome.
 */
export async function answerInvitation(
	invitationId: number,
	choice: 'come' | 'decline',
	now = new Date()
): Promise<Reply> {
	return db.$transaction(async (tx) => {
		const { distributionId } = await tx.invitation.findUniqueOrThrow({
			where: { id: invitationId },
			select: { distributionId: true }
		});
		await tx.$queryRaw`SELECT id FROM distributions WHERE id = ${distributionId} FOR UPDATE`;
		const invitation = await tx.invitation.findUniqueOrThrow({
			where: { id: invitationId },
			include: {
				slot: true,
				household: { select: { phone: true } },
				distribution: { select: { date: true, place: true, closedAt: true } }
			}
		});
		const locale = invitation.locale as Locale;
		const day = invitation.distribution;
		const text = (body: string) =>
			invitation.household.phone ? queueText(tx, { to: invitation.household.phone, text: body }) : undefined;
		if (
			day.closedAt ||
			day.date < dateInNewYork(now) ||
			!(ANSWERABLE as readonly string[]).includes(invitation.status)
		)
			return 'closed';
		if (choice === 'decline') {
			await tx.invitation.update({
				where: { id: invitationId },
				data: { status: 'DECLINED', slotId: null, answeredAt: now }
			});
			await text(m.sms_distribution_declined({ date: formatDay(day.date, locale) }, { locale }));
			return 'declined';
		}
		const slot = invitation.slot ?? (await firstSlotWithRoom(tx, distributionId, now));
		if (!slot) {
			await tx.invitation.update({ where: { id: invitationId }, data: { answeredAt: now } });
			await text(m.sms_distribution_full({ date: formatDay(day.date, locale) }, { locale }));
			return 'full';
		}
		await tx.invitation.update({
			where: { id: invitationId },
			data: { status: 'CONFIRMED', slotId: slot.id, answeredAt: now }
		});
		await text(
			m.sms_distribution_booked(
				{ date: formatDay(day.date, locale), time: formatTime(slot.startsAt, locale), place: day.place },
				{ locale }
			)
		);
		return 'booked';
	});
}

async function firstSlotWithRoom(tx: Tx, distributionId: number, now: Date) {
	const slots = await tx.distributionSlot.findMany({
		where: { distributionId, startsAt: { gt: now } },
		orderBy: { startsAt: 'asc' },
		include: {
			_count: { select: { invitations: { where: { status: { in: ['CONFIRMED', 'CHECKED_IN'] } } } } }
		}
	});
	return slots.find((slot) => slot._count.invitations < slot.capacity);
}

/**
 * "1" or "2" from a household's number answers its latest invitation to a day still to come; anything
 * else, a number with no such invitation, or one asked another question since, is not for us
 * (undefined).
 */
export async function answerInvitationByText(number: string, body: string, now = new Date()) {
	const choice = body.trim();
	if (choice !== '1' && choice !== '2') return undefined;
	const invitation = await db.invitation.findFirst({
		where: {
			household: { phone: number },
			status: { in: [...ANSWERABLE] },
			sentAt: { not: null },
			distribution: dayAhead(now)
		},
		orderBy: { sentAt: 'desc' },
		select: { id: true, sentAt: true, lastTextAt: true }
	});
	if (!invitation) return undefined;
	// The same number may also hold an account the site asked something since: the newest question is
	// the one a bare "1" or "2" answers.
	const prompt = await db.smsPrompt.findUnique({ where: { number }, select: { createdAt: true } });
	if (prompt && prompt.createdAt > (invitation.lastTextAt ?? invitation.sentAt!)) return undefined;
	return answerInvitation(invitation.id, choice === '1' ? 'come' : 'decline', now);
}

/** The language an invitation was texted in, for its page; null for a token we never gave. */
export async function languageOfInvitation(token: string) {
	if (!/^[\w-]{8,64}$/.test(token)) return null;
	const invitation = await db.invitation.findUnique({ where: { token }, select: { locale: true } });
	return invitation?.locale ?? null;
}

/** The invitation behind a reply link, with what its page shows; null for a token we never gave. */
export async function invitationByToken(token: string | undefined) {
	// test() would read a missing token as the word "undefined".
	if (typeof token !== 'string' || !/^[\w-]{8,64}$/.test(token)) return null;
	return db.invitation.findUnique({
		where: { token },
		select: {
			id: true,
			status: true,
			locale: true,
			slot: { select: { startsAt: true } },
			distribution: {
				select: { date: true, place: true, closedAt: true, network: { select: { name: true } } }
			}
		}
	});
}

/**
 * Up to two follow-ups, `followUpHours` apart, to households that have not answered; after the second
 * goes unanswered as long, the household is marked no answer and joins the call list. Each step is a
 * conditional update on what was read, so instances running this at once send each follow-up once.
 */
export async function sendFollowUps(origin: string, followUpHours: number, now = new Date()) {
	const due = new Date(now.getTime() - followUpHours * 60 * 60 * 1000);
	const waiting = await db.invitation.findMany({
		where: {
			status: 'INVITED',
			lastTextAt: { lte: due },
			distribution: { closedAt: null, date: { gte: dateInNewYork(now) } }
		},
		take: 500,
		select: {
			id: true,
			token: true,
			locale: true,
			followUpsSent: true,
			lastTextAt: true,
			household: { select: { phone: true } },
			distribution: { select: { date: true, network: { select: { name: true } } } }
		}
	});
	let followedUp = 0;
	for (const invitation of waiting) {
		const last = { id: invitation.id, status: 'INVITED' as const, followUpsSent: invitation.followUpsSent };
		if (invitation.followUpsSent >= 2) {
			await db.invitation.updateMany({ where: last, data: { status: 'NO_ANSWER' } });
			continue;
		}
		const locale = invitation.locale as Locale;
		const phone = invitation.household.phone;
		await db.$transaction(async (tx) => {
			const { count } = await tx.invitation.updateMany({
				where: last,
				data: { followUpsSent: { increment: 1 }, lastTextAt: now }
			});
			if (count !== 1 || !phone) return;
			followedUp++;
			await queueText(tx, {
				to: phone,
				text: m.sms_distribution_follow_up(
					{
						network: invitation.distribution.network.name,
						date: formatDay(invitation.distribution.date, locale),
						link: invitationLink(origin, invitation.token)
					},
					{ locale }
				)
			});
		});
	}
	return followedUp;
}

/** How many invitations of a day are in each state. */
export async function invitationCounts(distributionId: number) {
	const rows = await db.invitation.groupBy({ by: ['status'], where: { distributionId }, _count: true });
	return Object.fromEntries(
		Object.values(InvitationStatus).map((status) => [
			status,
			rows.find((row) => row.status === status)?._count ?? 0
		])
	) as Record<InvitationStatus, number>;
}

/**
 * The households a volunteer should call: no answer after both follow-ups, by name, with the number to
 * call. Only the day's own team sees this page.
 */
export const callList = (distributionId: number) =>
	db.invitation.findMany({
		where: { distributionId, status: 'NO_ANSWER' },
		orderBy: { household: { name: 'asc' } },
		select: { id: true, household: { select: { name: true, phone: true, languages: true } } }
	});

/** The day's invitations in one state, by name, a page at a time (for the coordinator's lists). */
export async function invitationsIn(distributionId: number, status: InvitationStatus[], page: number) {
	const where = { distributionId, status: { in: status } };
	const [rows, total] = await Promise.all([
		db.invitation.findMany({
			where,
			orderBy: { household: { name: 'asc' } },
			skip: (page - 1) * PREVIEW_PAGE_SIZE,
			take: PREVIEW_PAGE_SIZE,
			select: {
				id: true,
				status: true,
				followUpsSent: true,
				slot: { select: { time: true } },
				household: { select: { name: true, phone: true } }
			}
		}),
		db.invitation.count({ where })
	]);
	return { rows, total, pages: Math.max(1, Math.ceil(total / PREVIEW_PAGE_SIZE)) };
}

export const DEFAULT_SINCE_DAYS = 14;
const sinceSchema = z.coerce.number<string>().int().min(0).max(365).catch(DEFAULT_SINCE_DAYS);
/** The "not served in the last N days" of the address or the form; 14 unless a sane number is given. */
export const sinceDaysOf = (value: string | null) => sinceSchema.parse(value ?? '');

/** The start form: a template per language the day serves, each with something to say. */
export function startSchema(languages: readonly string[]) {
	const templates = Object.fromEntries(
		locales
			.filter((locale) => served(locale, languages))
			.map((locale) => [
				`template_${locale}`,
				z.string().trim().min(1, 'outreach_error_template').max(480, 'outreach_error_template')
			])
	);
	return z.object({ since: z.string().optional(), ...templates }).transform((form) => ({
		sinceDays: sinceDaysOf(form.since ?? null),
		templates: Object.fromEntries(
			Object.entries(form)
				.filter(([name]) => name.startsWith('template_'))
				.map(([name, text]) => [name.slice('template_'.length), text as string])
		) as Partial<Record<Locale, string>>
	}));
}
