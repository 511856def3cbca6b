// The one owner of a household request's status: open, delivered or timed out. Every change is a
// conditional update on the status it expects, so two volunteers (or two app instances) racing cannot
// both win, and every change leaves an event in the request's history.
import { m } from '$lib/paraglide/messages';
import { preferredLocale } from '$lib/i18n/locales';
import type { Locale } from '$lib/paraglide/runtime';
import type { Category } from '$lib/posts';
import type { Prisma } from '../db/generated/client.ts';
import { queueText } from '../mail/outbox.ts';
import { textTitle } from '../mail/notify.ts';
import { hashPhone } from '../sms/phone.ts';

type Tx = Prisma.TransactionClient;

export const REQUEST_SOURCES = ['intake', 'text', 'import', 'board'] as const;
export type RequestSource = (typeof REQUEST_SOURCES)[number];

export type RequestEventKind =
	'opened' | 'delivered' | 'not-in-stock' | 'warned' | 'timed-out' | 'no-show' | 'merged';
export type TimeoutReason = 'expired' | 'no-show';

const record = (tx: Tx, requestId: number, kind: RequestEventKind, distributionId?: number | null) =>
	tx.householdRequestEvent.create({ data: { requestId, kind, distributionId: distributionId ?? null } });

/**
 * The household's open request in this category, opened now unless there is one: a second ask for the
 * same thing is the same request, still waiting since the first.
 */
export async function openRequest(tx: Tx, householdId: number, category: Category, source: RequestSource) {
	const [request] = await openRequests(tx, [{ householdId, category }], source);
	return request!;
}

/**
 * `openRequest` for many asks at once (an import), in a handful of statements whatever their number;
 * the requests come back in the asks' order.
 */
export async function openRequests(
	tx: Tx,
	asks: { householdId: number; category: Category }[],
	source: RequestSource
) {
	if (!asks.length) return [];
	const householdIds = [...new Set(asks.map((ask) => ask.householdId))];
	// One ask at a time per household, so two at once cannot both find none open and open two.
	await tx.$queryRaw`SELECT id FROM households WHERE id = ANY(${householdIds}::int[]) ORDER BY id FOR UPDATE`;
	const key = (householdId: number, category: string) => `${householdId}:${category}`;
	const open = new Map(
		(
			await tx.householdRequest.findMany({
				where: { householdId: { in: householdIds }, status: 'OPEN' },
				orderBy: { id: 'asc' }
			})
		)
			.reverse()
			.map((request) => [key(request.householdId, request.category), request])
	);
	const missing = [...new Map(asks.map((ask) => [key(ask.householdId, ask.category), ask])).values()].filter(
		(ask) => !open.has(key(ask.householdId, ask.category))
	);
	if (missing.length) {
		const opened = await tx.householdRequest.createManyAndReturn({
			data: missing.map(({ householdId, category }) => ({ householdId, category, source }))
		});
		await tx.householdRequestEvent.createMany({
			data: opened.map((request) => ({ requestId: request.id, kind: 'opened' }))
		});
		await tx.household.updateMany({
			where: { id: { in: [...new Set(opened.map((request) => request.householdId))] } },
			data: { updatedAt: new Date() }
		});
		for (const request of opened) open.set(key(request.householdId, request.category), request);
	}
	return asks.map((ask) => open.get(key(ask.householdId, ask.category))!);
}

/** Marks an open request delivered; false when it was no longer open (delivered or timed out meanwhile). */
export async function deliverRequest(tx: Tx, requestId: number, distributionId?: number) {
	const { count } = await tx.householdRequest.updateMany({
		where: { id: requestId, status: 'OPEN' },
		data: { status: 'DELIVERED', closedAt: new Date() }
	});
	if (count === 1) await record(tx, requestId, 'delivered', distributionId);
	return count === 1;
}

/** Nothing of its kind was in stock that day: the request stays open, without penalty, and says so. */
export async function markNotInStock(tx: Tx, requestId: number, distributionId: number) {
	const open = await tx.householdRequest.count({ where: { id: requestId, status: 'OPEN' } });
	if (open === 1) await record(tx, requestId, 'not-in-stock', distributionId);
	return open === 1;
}

/** The language a household is texted in: its first language when the app speaks it, else English. */
export function householdLocale(languages: readonly string[]): Locale {
	const first = languages[0];
	return first === 'zh' ? 'zh-Hans' : preferredLocale(first);
}

/** Whether a number texted STOP; asked in the caller's transaction (the embedded database runs one). */
export async function optedOut(tx: Tx, number: string) {
	return (await tx.smsOptOut.count({ where: { numberHash: hashPhone(number) } })) > 0;
}

/** The categories named in a text, in the household's language, cut to fit one title. */
export const categoriesText = (categories: readonly string[], locale: Locale) =>
	textTitle(categories.map((c) => m[`category_${c as Category}`]({}, { locale })).join(', '));

/** Texts a household in its language, unless it has no number or has opted out. */
export async function textHousehold(
	tx: Tx,
	household: { phone: string | null; languages: string[] },
	text: (locale: Locale) => string
) {
	if (!household.phone || (await optedOut(tx, household.phone))) return false;
	await queueText(tx, { to: household.phone, text: text(householdLocale(household.languages)) });
	return true;
}

/**
 * Times these open requests out, each once (whoever else tries meanwhile finds them closed), and tells
 * each household in one text which of its requests closed and that it may ask again. Returns how many
 * closed here.
 */
export async function closeRequests(tx: Tx, requestIds: number[], reason: TimeoutReason) {
	const closed: { householdId: number; category: string }[] = [];
	for (const id of requestIds) {
		const { count } = await tx.householdRequest.updateMany({
			where: { id, status: 'OPEN' },
			data: { status: 'TIMED_OUT', closedAt: new Date() }
		});
		if (count !== 1) continue;
		await record(tx, id, reason === 'expired' ? 'timed-out' : 'no-show');
		const { householdId, category } = await tx.householdRequest.findUniqueOrThrow({ where: { id } });
		closed.push({ householdId, category });
	}
	const byHousehold = new Map<number, string[]>();
	for (const { householdId, category } of closed)
		byHousehold.set(householdId, [...(byHousehold.get(householdId) ?? []), category]);
	for (const [householdId, categories] of byHousehold) {
		const household = await tx.household.findUniqueOrThrow({
			where: { id: householdId },
			select: { phone: true, languages: true, network: { select: { name: true } } }
		});
		await textHousehold(tx, household, (locale) =>
			reason === 'no-show'
				? m.sms_household_no_show({ name: household.network.name }, { locale })
				: m.sms_household_request_expired(
						{ name: household.network.name, title: categoriesText(categories, locale) },
						{ locale }
					)
		);
	}
	return closed.length;
}

/** Times out every open request of these households, e.g. after a second no-show in a row. */
export async function timeOutRequests(tx: Tx, householdIds: number[], reason: TimeoutReason) {
	const open = await tx.householdRequest.findMany({
		where: { householdId: { in: householdIds }, status: 'OPEN' },
		select: { id: true },
		orderBy: { id: 'asc' }
	});
	return closeRequests(
		tx,
		open.map((request) => request.id),
		reason
	);
}

/** Warns a household once that this open request closes in `days` days; false if already warned or closed. */
export async function warnRequest(tx: Tx, requestId: number, days: number) {
	const { count } = await tx.householdRequest.updateMany({
		where: { id: requestId, status: 'OPEN', warnedAt: null },
		data: { warnedAt: new Date() }
	});
	if (count !== 1) return false;
	await record(tx, requestId, 'warned');
	const request = await tx.householdRequest.findUniqueOrThrow({
		where: { id: requestId },
		select: {
			category: true,
			household: { select: { phone: true, languages: true, network: { select: { name: true } } } }
		}
	});
	await textHousehold(tx, request.household, (locale) =>
		m.sms_household_request_warning(
			{ name: request.household.network.name, title: categoriesText([request.category], locale), days },
			{ locale }
		)
	);
	return true;
}
