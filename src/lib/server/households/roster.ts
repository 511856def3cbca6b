// A network's roster of the households it serves, keyed by phone: adding a number already on it joins
// that household, and a household whose number changed is merged into the one with the new number.
import { z } from 'zod';
import { SPOKEN_LANGUAGE_CODES } from '$lib/languages';
import { CATEGORIES, type Category } from '$lib/posts';
import { phoneField } from '../auth/phone-form.ts';
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import { paginate } from '../http/pages.ts';
import { deliverRequest, openRequest, openRequests, type RequestSource } from './requests.ts';

type Tx = Prisma.TransactionClient;

export const ROSTER_PAGE_SIZE = 25;

const languages = z.array(z.enum(SPOKEN_LANGUAGE_CODES)).max(SPOKEN_LANGUAGE_CODES.length).default([]);
const notes = z.string().trim().max(2000, 'household_error_notes').default('');

export const householdSchema = z.object({
	name: z.string().trim().min(1, 'household_error_name').max(120, 'household_error_name'),
	phone: phoneField,
	languages,
	notes
});
export const newHouseholdSchema = householdSchema.extend({
	requests: z.array(z.enum(CATEGORIES)).max(CATEGORIES.length).default([])
});
export const openRequestSchema = z.object({ category: z.enum(CATEGORIES, 'household_error_category') });
export const deliverSchema = z.object({ request: z.coerce.number().int().positive() });
export const mergeSchema = z.object({ phone: phoneField });

export type HouseholdInput = z.output<typeof householdSchema>;
export interface NewHousehold extends HouseholdInput {
	requests: Category[];
}

/** Languages in the order first given, each once. */
const union = (first: readonly string[], more: readonly string[]) => [...new Set([...first, ...more])];

/**
 * Adds a household, or joins the one already on the roster with this number: its name stays, the new
 * languages and notes are added, and each request is opened unless one is open already.
 */
export async function addHousehold(tx: Tx, networkId: number, input: NewHousehold, source: RequestSource) {
	const [added] = await addHouseholds(tx, networkId, [input], source);
	return added!;
}

/**
 * `addHousehold` for a whole list (an import), in a handful of statements whatever its length, with the
 * outcomes in the list's order. Each number appears once in `inputs`.
 */
export async function addHouseholds(
	tx: Tx,
	networkId: number,
	inputs: NewHousehold[],
	source: RequestSource
) {
	// Inserted unless the number is there already, in one statement: the same ask twice at once (a
	// double tap, two volunteers) joins one household rather than failing on the second.
	const created = await tx.household.createManyAndReturn({
		data: inputs.map((input) => ({
			networkId,
			name: input.name,
			phone: input.phone,
			languages: input.languages,
			notes: input.notes || null
		})),
		skipDuplicates: true,
		select: { phone: true }
	});
	const isNew = new Set(created.map((household) => household.phone));
	const byPhone = new Map(
		(
			await tx.household.findMany({
				where: { networkId, phone: { in: inputs.map((input) => input.phone) } },
				select: { id: true, phone: true, languages: true, notes: true }
			})
		).map((household) => [household.phone, household])
	);
	for (const input of inputs) {
		const household = byPhone.get(input.phone)!;
		if (isNew.has(input.phone)) continue;
		const languages = union(household.languages, input.languages);
		const notes = [household.notes, input.notes].filter(Boolean).join('\n') || null;
		// A file imported again changes nothing, and writes nothing.
		if (languages.length === household.languages.length && notes === household.notes) continue;
		await tx.household.update({ where: { id: household.id }, data: { languages, notes } });
	}
	await openRequests(
		tx,
		inputs.flatMap((input) =>
			input.requests.map((category) => ({ householdId: byPhone.get(input.phone)!.id, category }))
		),
		source
	);
	return inputs.map((input) => ({ id: byPhone.get(input.phone)!.id, joined: !isNew.has(input.phone) }));
}

export type EditOutcome = { ok: true } | { ok: false; reason: 'phone-taken' };

/** Saves a household's details; a number another household has is refused (merge instead). */
export async function editHousehold(networkId: number, householdId: number, input: HouseholdInput) {
	const taken = await db.household.count({
		where: { networkId, phone: input.phone, id: { not: householdId } }
	});
	if (taken) return { ok: false, reason: 'phone-taken' } satisfies EditOutcome;
	await db.household.update({
		where: { id: householdId },
		data: { name: input.name, phone: input.phone, languages: input.languages, notes: input.notes || null }
	});
	return { ok: true } satisfies EditOutcome;
}

/** A search is the last 4 digits of a phone, or part of a name. */
function searchWhere(networkId: number, query: string): Prisma.HouseholdWhereInput {
	const q = query.trim();
	if (!q) return { networkId };
	if (/^\d{4}$/.test(q)) return { networkId, phone: { endsWith: q } };
	return { networkId, name: { contains: q, mode: 'insensitive' } };
}

/** One page of the roster, by name, with how many requests each household has open. */
export function searchRoster(networkId: number, query: string, page: number) {
	const where = searchWhere(networkId, query);
	return paginate(
		page,
		ROSTER_PAGE_SIZE,
		() => db.household.count({ where }),
		(skip, take) =>
			db.household.findMany({
				where,
				orderBy: [{ name: 'asc' }, { id: 'asc' }],
				skip,
				take,
				select: {
					id: true,
					name: true,
					phone: true,
					languages: true,
					_count: { select: { requests: { where: { status: 'OPEN' } } } }
				}
			})
	);
}

/** A household with its requests, newest first, each with its history. */
export function householdPage(householdId: number) {
	return db.household.findUniqueOrThrow({
		where: { id: householdId },
		select: {
			id: true,
			name: true,
			phone: true,
			languages: true,
			notes: true,
			createdAt: true,
			requests: {
				orderBy: [{ openedAt: 'desc' }, { id: 'desc' }],
				select: {
					id: true,
					category: true,
					status: true,
					source: true,
					openedAt: true,
					closedAt: true,
					events: { orderBy: [{ at: 'asc' }, { id: 'asc' }], select: { id: true, kind: true, at: true } }
				}
			}
		}
	});
}

export type MergeOutcome = { ok: true; into: number } | { ok: false; reason: 'no-household' | 'same' };

/**
 * A household's number changed and the new one is already on the roster: its requests move to that
 * household and it is deleted. Where both have the same kind of request open, the one that has waited
 * longer stays open and the other is closed as merged, so there is still one open request per kind.
 */
export async function mergeHousehold(
	networkId: number,
	fromId: number,
	phone: string
): Promise<MergeOutcome> {
	return db.$transaction(async (tx) => {
		const into = await tx.household.findUnique({ where: { networkId_phone: { networkId, phone } } });
		if (!into) return { ok: false, reason: 'no-household' };
		if (into.id === fromId) return { ok: false, reason: 'same' };
		const from = await tx.household.findUniqueOrThrow({ where: { id: fromId } });
		const open = await tx.householdRequest.findMany({
			where: { householdId: { in: [fromId, into.id] }, status: 'OPEN' },
			orderBy: [{ openedAt: 'asc' }, { id: 'asc' }]
		});
		const kept = new Set<string>();
		const closed = new Set<number>();
		const now = new Date();
		for (const request of open) {
			if (!kept.has(request.category)) {
				kept.add(request.category);
				continue;
			}
			await tx.householdRequest.update({
				where: { id: request.id },
				data: { status: 'TIMED_OUT', closedAt: now }
			});
			closed.add(request.id);
		}
		const moved = await tx.householdRequest.findMany({
			where: { householdId: fromId },
			select: { id: true }
		});
		await tx.householdRequest.updateMany({ where: { householdId: fromId }, data: { householdId: into.id } });
		// One event per request the merge touched: moved here, or closed as a duplicate.
		const touched = new Set([...moved.map((request) => request.id), ...closed]);
		await tx.householdRequestEvent.createMany({
			data: [...touched].map((requestId) => ({ requestId, kind: 'merged' }))
		});
		await tx.household.update({
			where: { id: into.id },
			data: {
				languages: union(into.languages, from.languages),
				notes: [into.notes, from.notes].filter(Boolean).join('\n') || null
			}
		});
		await tx.household.delete({ where: { id: fromId } });
		return { ok: true, into: into.id };
	});
}

/** Opens one request for a household from the moderators' page. */
export const openRequestFor = (householdId: number, category: Category) =>
	db.$transaction((tx) => openRequest(tx, householdId, category, 'intake'));

/** Marks one of this household's requests delivered; false when it is not theirs or no longer open. */
export const deliverFor = (householdId: number, requestId: number) =>
	db.$transaction(async (tx) => {
		const theirs = await tx.householdRequest.count({ where: { id: requestId, householdId } });
		return theirs === 1 && deliverRequest(tx, requestId);
	});
