// A distribution day: when and where, its appointment slots, what is on hand, and the languages its
// volunteers speak. Slots are generated from a first time, a spacing and a count, which a form without
// JavaScript can say in four fields.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { CATEGORIES, type Category } from '$lib/posts';
import { SPOKEN_LANGUAGE_CODES } from '$lib/languages';
import { dateInNewYork, instantInNewYork } from '../calendar.ts';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;
const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
const timeOf = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const whole = (min: number, max: number, message: string) =>
	z.coerce.number<string>({ error: message }).int(message).min(min, message).max(max, message);

/** The event form; `item_<CATEGORY>` fields hold how many of each are on hand, empty for none. */
export function distributionSchema(now = new Date()) {
	const items = Object.fromEntries(
		CATEGORIES.map((category) => [
			`item_${category}`,
			z
				.string()
				.trim()
				.regex(/^\d{0,5}$/, 'distribution_error_count')
				.optional()
		])
	);
	return z
		.object({
			date: z
				.string()
				.regex(/^\d{4}-\d{2}-\d{2}$/, 'distribution_error_date')
				.refine((date) => !Number.isNaN(Date.parse(date)), 'distribution_error_date')
				.refine((date) => date >= dateInNewYork(now), 'distribution_error_date'),
			place: z.string().trim().min(1, 'distribution_error_place').max(200, 'distribution_error_place'),
			firstSlot: z.string().regex(TIME, 'distribution_error_time'),
			slotMinutes: whole(5, 240, 'distribution_error_slots'),
			slotCount: whole(1, 48, 'distribution_error_slots'),
			capacity: whole(1, 500, 'distribution_error_slots'),
			languages: z
				.array(z.enum(SPOKEN_LANGUAGE_CODES), { error: 'distribution_error_languages' })
				.min(1, 'distribution_error_languages'),
			notes: z.string().trim().max(2000, 'form_error_invalid').optional(),
			...items
		})
		.refine((form) => minutesOf(form.firstSlot) + form.slotMinutes * (form.slotCount - 1) < 24 * 60, {
			path: ['slotCount'],
			message: 'distribution_error_slots'
		});
}

export type DistributionInput = z.output<ReturnType<typeof distributionSchema>>;

function slotsOf(input: DistributionInput) {
	return Array.from({ length: input.slotCount }, (_, index) => {
		const time = timeOf(minutesOf(input.firstSlot) + index * input.slotMinutes);
		// The time on New York's clocks that day, also on the Sundays they change, when midnight plus so
		// many minutes would be an hour off from 2 a.m. on.
		return { time, startsAt: instantInNewYork(input.date, time), capacity: input.capacity };
	});
}

function itemsOf(input: DistributionInput) {
	const fields = input as unknown as Record<string, string | undefined>;
	return CATEGORIES.flatMap((category) => {
		const count = Number(fields[`item_${category}`] || 0);
		return count > 0 ? [{ category, count }] : [];
	});
}

const details = (input: DistributionInput) => ({
	date: input.date,
	place: input.place,
	languages: input.languages,
	notes: input.notes || null
});

export async function createDistribution(networkId: number, input: DistributionInput) {
	return db.distribution.create({
		data: {
			networkId,
			...details(input),
			slots: { create: slotsOf(input) },
			items: { create: itemsOf(input) }
		},
		select: { id: true }
	});
}

export class SlotsBookedError extends Error {}

/**
 * Saves an edit. Slots are replaced only while nobody holds one, so a booked household never loses its
 * time; with bookings, changing them is refused (capacity included: a smaller slot could strand someone).
 */
export async function updateDistribution(id: number, input: DistributionInput) {
	await db.$transaction(async (tx) => {
		await tx.distribution.update({ where: { id }, data: details(input) });
		await tx.distributionItem.deleteMany({ where: { distributionId: id } });
		await tx.distributionItem.createMany({
			data: itemsOf(input).map((item) => ({ ...item, distributionId: id }))
		});
		const current = await tx.distributionSlot.findMany({
			where: { distributionId: id },
			orderBy: { startsAt: 'asc' }
		});
		const wanted = slotsOf(input);
		const same =
			current.length === wanted.length &&
			current.every((slot, i) => slot.time === wanted[i]!.time && slot.capacity === wanted[i]!.capacity);
		const sameTimes =
			same && current.every((slot, i) => slot.startsAt.getTime() === wanted[i]!.startsAt.getTime());
		if (sameTimes) return;
		if (await tx.invitation.count({ where: { distributionId: id, slotId: { not: null } } }))
			throw new SlotsBookedError();
		await tx.distributionSlot.deleteMany({ where: { distributionId: id } });
		await tx.distributionSlot.createMany({ data: wanted.map((slot) => ({ ...slot, distributionId: id })) });
	});
}

/** The form's values for an existing day, so the edit page starts from what is saved. */
export async function formValuesOf(id: number): Promise<Record<string, string | string[]>> {
	const day = await db.distribution.findUniqueOrThrow({
		where: { id },
		include: { slots: { orderBy: { startsAt: 'asc' } }, items: true }
	});
	const [first, second] = day.slots;
	return {
		date: day.date,
		place: day.place,
		notes: day.notes ?? '',
		languages: day.languages,
		firstSlot: first?.time ?? '10:00',
		slotMinutes: String(first && second ? minutesOf(second.time) - minutesOf(first.time) : 30),
		slotCount: String(day.slots.length),
		capacity: String(first?.capacity ?? 6),
		...Object.fromEntries(day.items.map((item) => [`item_${item.category}`, String(item.count)]))
	};
}

const PAGE_SIZE = 20;

/** A network's days, upcoming first (soonest at the top), then past ones, newest first. */
export async function listDistributions(networkId: number, page: number, now = new Date()) {
	const today = dateInNewYork(now);
	const where = { networkId };
	const [upcoming, past, total] = await Promise.all([
		db.distribution.findMany({
			where: { ...where, date: { gte: today }, closedAt: null },
			orderBy: [{ date: 'asc' }, { id: 'asc' }],
			include: { _count: { select: { slots: true } } }
		}),
		db.distribution.findMany({
			where: { ...where, OR: [{ date: { lt: today } }, { closedAt: { not: null } }] },
			orderBy: [{ date: 'desc' }, { id: 'desc' }],
			skip: (page - 1) * PAGE_SIZE,
			take: PAGE_SIZE,
			include: { _count: { select: { slots: true } } }
		}),
		db.distribution.count({ where: { ...where, OR: [{ date: { lt: today } }, { closedAt: { not: null } }] } })
	]);
	return { upcoming, past, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
}

/** A day's slots with how many households hold each. */
export async function slotsWithBookings(distributionId: number) {
	const slots = await db.distributionSlot.findMany({
		where: { distributionId },
		orderBy: { startsAt: 'asc' },
		include: {
			_count: {
				select: { invitations: { where: { status: { in: ['CONFIRMED', 'CHECKED_IN', 'NO_SHOW'] } } } }
			}
		}
	});
	return slots.map((slot) => ({
		id: slot.id,
		time: slot.time,
		capacity: slot.capacity,
		booked: slot._count.invitations
	}));
}

export const itemsOfDay = (distributionId: number) =>
	db.distributionItem.findMany({ where: { distributionId }, orderBy: { category: 'asc' } });

/** A secret for an invitation's reply link: unguessable, and short enough for a text. */
export const newToken = () => randomBytes(12).toString('base64url');

export type Tx = Prisma.TransactionClient;
export type { Category };
