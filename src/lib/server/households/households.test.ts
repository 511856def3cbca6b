import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { hashPhone } from '../sms/phone.ts';
import { householdsCsv } from './export.ts';
import { guessMapping, planImport, readCsv, runImport, type Plan } from './import.ts';
import { deliverRequest, markNotInStock, openRequest, timeOutRequests } from './requests.ts';
import { addHousehold, deliverFor, mergeHousehold, searchRoster } from './roster.ts';
import { householdStats } from './stats.ts';
import {
	expireDueRequests,
	purgeInactiveHouseholds,
	setTimeouts,
	timeoutsOf,
	warnExpiringRequests
} from './timeouts.ts';

let db: Database;
const RUN = `h${Date.now().toString(36)}`;
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
// Networks left behind would join every other test's directory (places.test lists them all).
afterAll(async () => {
	await db.network.deleteMany({ where: { slug: { startsWith: `${RUN}-` } } });
	await disconnectDatabase();
});

/** A network of its own per test, so rosters (and the texts naming the network) never mix. */
async function network() {
	const slug = `${RUN}-${++counter}`;
	return db.network.create({ data: { name: `Net ${slug}`, slug } });
}

const csv = (text: string) => {
	const read = readCsv(new TextEncoder().encode(text));
	if (!read.ok) throw new Error(read.reason);
	return read.table;
};

/** Texts queued for this network's households, oldest first. */
const textsOf = async (networkName: string) =>
	(
		await db.outboxMessage.findMany({
			where: { channel: 'SMS', text: { contains: networkName } },
			orderBy: { id: 'asc' },
			select: { toAddress: true, text: true }
		})
	).map((t) => [t.toAddress, t.text]);

const eventsOf = async (requestId: number) =>
	(await db.householdRequestEvent.findMany({ where: { requestId }, orderBy: { id: 'asc' } })).map(
		(e) => e.kind
	);

describe('importing a CSV', () => {
	const FILE = [
		'name,phone,languages,requests',
		'Rosa,(718) 555-0100,es;English,Groceries & food;Artículos del hogar',
		'Li Wei,347.555.0101,中文,Meals',
		'"Rosa again, same phone",718-555-0100,fr,Household goods;Clothing',
		',718 555 0102,en,Meals',
		'Ana,,es,Meals',
		'Bo,12345,en,Meals',
		'Cy,718 555 0103,Klingon,Meals',
		'Di,718 555 0104,en,Spaceships',
		'Ed,800-555-0100,en,Meals',
		'Flo,718 555 0105,,'
	].join('\n');

	it('reads every row, joins duplicates by phone and says why each bad row cannot be imported', async () => {
		const net = await network();
		await db.household.create({
			data: { networkId: net.id, name: 'Already here', phone: '+17185550105', languages: ['en'] }
		});
		const table = csv(FILE);
		const plan = await planImport(net.id, table, guessMapping(table.header));
		expect(plan.problems).toEqual([
			{ row: 5, value: '', reason: 'household_import_no_name' },
			{ row: 6, value: 'Ana', reason: 'household_import_no_phone' },
			{ row: 7, value: '12345', reason: 'phone_error_invalid' },
			{ row: 8, value: 'Klingon', reason: 'household_import_unknown_language' },
			{ row: 9, value: 'Spaceships', reason: 'household_import_unknown_category' },
			{ row: 10, value: '800-555-0100', reason: 'phone_error_not_mobile' }
		]);
		expect(plan.joined).toEqual([
			{ row: 4, sameAs: 2 },
			{ row: 11, sameAs: null }
		]);
		expect(plan.existing).toBe(1);
		expect(plan.households.map((h) => [h.row, h.name, h.phone, h.languages, h.requests])).toEqual([
			[2, 'Rosa', '+17185550100', ['es', 'en', 'fr'], ['GROCERIES', 'HOUSEHOLD', 'CLOTHING']],
			[3, 'Li Wei', '+13475550101', ['zh'], ['MEALS']],
			[11, 'Flo', '+17185550105', [], []]
		]);
		// The dry run wrote nothing.
		expect(await db.household.count({ where: { networkId: net.id } })).toBe(1);

		await runImport(net.id, plan);
		const roster = await db.household.findMany({
			where: { networkId: net.id },
			orderBy: { name: 'asc' },
			select: { name: true, requests: { select: { category: true, source: true }, orderBy: { id: 'asc' } } }
		});
		expect(roster).toEqual([
			{ name: 'Already here', requests: [] },
			{ name: 'Li Wei', requests: [{ category: 'MEALS', source: 'import' }] },
			{
				name: 'Rosa',
				requests: [
					{ category: 'GROCERIES', source: 'import' },
					{ category: 'HOUSEHOLD', source: 'import' },
					{ category: 'CLOTHING', source: 'import' }
				]
			}
		]);
		// Importing the same file again changes nothing: every household and open request is found.
		await runImport(net.id, await planImport(net.id, table, guessMapping(table.header)));
		expect(await db.householdRequest.count({ where: { household: { networkId: net.id } } })).toBe(4);
	});

	it('imports nothing when one household fails to save', async () => {
		const net = await network();
		const plan: Plan = {
			households: [
				{ row: 2, name: 'Good', phone: '+17185550110', languages: [], requests: ['MEALS'], notes: '' },
				// A category the database refuses, as a failure part-way through would be.
				{
					row: 3,
					name: 'Bad',
					phone: '+17185550111',
					languages: [],
					requests: ['NOPE' as 'MEALS'],
					notes: ''
				}
			],
			joined: [],
			problems: [],
			existing: 0
		};
		await expect(runImport(net.id, plan)).rejects.toThrow();
		expect(await db.household.count({ where: { networkId: net.id } })).toBe(0);
	});

	it('maps the columns of another shape, and exports the roster in the shape it reads', async () => {
		const net = await network();
		const table = csv(
			'\uFEFFTimestamp,Nombre,Teléfono,Idiomas,¿Qué necesita?\n2026-01-01,Marta,+1 718 555 0120,Español,Ropa;Comidas preparadas\n'
		);
		const guessed = guessMapping(table.header);
		expect(guessed).toEqual({ name: 1, phone: 2, languages: 3, requests: null, notes: null });
		const plan = await planImport(net.id, table, { ...guessed, requests: 4 });
		expect(plan.problems).toEqual([]);
		await runImport(net.id, plan);
		const exported = await householdsCsv(net.id);
		expect(exported).toBe(
			"name,phone,languages,requests,notes\r\nMarta,'+17185550120,es,Clothing;Meals,\r\n"
		);
		const again = csv(exported);
		const reread = await planImport(net.id, again, guessMapping(again.header));
		expect(reread.households.map((h) => [h.phone, h.requests])).toEqual([
			['+17185550120', ['CLOTHING', 'MEALS']]
		]);
	});

	it('refuses a file that is not UTF-8 or has no rows', () => {
		expect(readCsv(new Uint8Array([0x6e, 0x61, 0xe9, 0x0a]))).toEqual({
			ok: false,
			reason: 'household_import_not_utf8'
		});
		expect(readCsv(new TextEncoder().encode('name,phone\n'))).toEqual({
			ok: false,
			reason: 'household_import_empty'
		});
	});
});

describe('requests', () => {
	async function household(networkId: number, phone: string, languages = ['es']) {
		return db.$transaction((tx) =>
			addHousehold(tx, networkId, { name: `H ${phone}`, phone, languages, notes: '', requests: [] }, 'intake')
		);
	}

	it('keeps one open request per kind and records every change', async () => {
		const net = await network();
		const { id } = await household(net.id, '+17185550130');
		const first = await db.$transaction((tx) => openRequest(tx, id, 'MEALS', 'intake'));
		const again = await db.$transaction((tx) => openRequest(tx, id, 'MEALS', 'text'));
		expect(again.id).toBe(first.id);
		expect(await db.$transaction((tx) => markNotInStock(tx, first.id, 7))).toBe(true);
		expect(await db.$transaction((tx) => deliverRequest(tx, first.id))).toBe(true);
		expect(await db.$transaction((tx) => deliverRequest(tx, first.id))).toBe(false);
		expect(await db.$transaction((tx) => markNotInStock(tx, first.id, 7))).toBe(false);
		expect(await eventsOf(first.id)).toEqual(['opened', 'not-in-stock', 'delivered']);
		const next = await db.$transaction((tx) => openRequest(tx, id, 'MEALS', 'text'));
		expect(next.id).not.toBe(first.id);
	});

	it('stays one household with one open request when the same ask arrives twice at once', async () => {
		const net = await network();
		const ask = {
			name: 'Twice',
			phone: '+17185550139',
			languages: ['es'],
			notes: '',
			requests: ['MEALS' as const]
		};
		const [first, second] = await Promise.all([
			db.$transaction((tx) => addHousehold(tx, net.id, ask, 'intake')),
			db.$transaction((tx) => addHousehold(tx, net.id, ask, 'intake'))
		]);
		expect(first.id).toBe(second.id);
		expect([first.joined, second.joined].sort()).toEqual([false, true]);
		expect(await db.householdRequest.count({ where: { householdId: first.id, status: 'OPEN' } })).toBe(1);
	});

	it('delivers only a request of the household named', async () => {
		const net = await network();
		const a = await household(net.id, '+17185550131');
		const b = await household(net.id, '+17185550132');
		const request = await db.$transaction((tx) => openRequest(tx, a.id, 'MEALS', 'intake'));
		expect(await deliverFor(b.id, request.id)).toBe(false);
		expect(await deliverFor(a.id, request.id)).toBe(true);
	});

	it('times out a no-show household once, texting it in its language unless it opted out', async () => {
		const net = await network();
		const texted = await household(net.id, '+17185550133', ['es']);
		const stopped = await household(net.id, '+17185550134', ['en']);
		await db.smsOptOut.upsert({
			where: { numberHash: hashPhone('+17185550134') },
			create: { numberHash: hashPhone('+17185550134') },
			update: {}
		});
		for (const h of [texted, stopped])
			await db.$transaction(async (tx) => {
				await openRequest(tx, h.id, 'MEALS', 'intake');
				await openRequest(tx, h.id, 'CLOTHING', 'intake');
			});
		const ids = [texted.id, stopped.id];
		expect(await db.$transaction((tx) => timeOutRequests(tx, ids, 'no-show'))).toBe(4);
		expect(await db.$transaction((tx) => timeOutRequests(tx, ids, 'no-show'))).toBe(0);
		expect(await textsOf(net.name)).toEqual([
			[
				'+17185550133',
				`${net.name}: no lo vimos en las dos últimas distribuciones y sus solicitudes se cerraron. Pida de nuevo: escríbanos o llámenos.`
			]
		]);
		const statuses = await db.householdRequest.findMany({ where: { householdId: { in: ids } } });
		expect(statuses.map((r) => r.status)).toEqual(['TIMED_OUT', 'TIMED_OUT', 'TIMED_OUT', 'TIMED_OUT']);
	});

	it('warns two days before a request times out, then times it out, each once', async () => {
		const net = await network();
		await setTimeouts(net.id, { ...(await timeoutsOf(net.id)), HOUSEHOLD: 30 });
		expect((await timeoutsOf(net.id)).HOUSEHOLD).toBe(30);
		expect(await db.requestTimeout.count({ where: { networkId: net.id } })).toBe(1);
		const { id } = await household(net.id, '+17185550135', ['en']);
		const now = new Date();
		const meals = await db.$transaction((tx) => openRequest(tx, id, 'MEALS', 'intake'));
		const pots = await db.$transaction((tx) => openRequest(tx, id, 'HOUSEHOLD', 'intake'));
		// Meals (14 days) opened 13 days ago: warned now. Kitchen things (30 days) too: not yet.
		await db.householdRequest.updateMany({
			where: { id: { in: [meals.id, pots.id] } },
			data: { openedAt: new Date(now.getTime() - 13 * DAY) }
		});
		await warnExpiringRequests(now);
		await warnExpiringRequests(now);
		await expireDueRequests(now);
		expect(await eventsOf(meals.id)).toEqual(['opened', 'warned']);
		expect(await eventsOf(pots.id)).toEqual(['opened']);

		const later = new Date(now.getTime() + 1.5 * DAY);
		await expireDueRequests(later);
		await expireDueRequests(later);
		await warnExpiringRequests(later);
		expect(await eventsOf(meals.id)).toEqual(['opened', 'warned', 'timed-out']);
		expect(await eventsOf(pots.id)).toEqual(['opened']);
		expect(await textsOf(net.name)).toEqual([
			[
				'+17185550135',
				`${net.name}: your request for "Meals" closes in 2 days. You can ask again any time: text or call us.`
			],
			[
				'+17185550135',
				`${net.name}: your request for "Meals" has closed. You can ask again any time: text or call us.`
			]
		]);
	});
});

describe('the roster', () => {
	it('joins a second add with the same number, finds households by name or last 4 digits', async () => {
		const net = await network();
		const add = (name: string, phone: string, requests: ('MEALS' | 'CLOTHING')[]) =>
			db.$transaction((tx) =>
				addHousehold(tx, net.id, { name, phone, languages: ['en'], notes: '', requests }, 'intake')
			);
		const first = await add('Nadia', '+17185550140', ['MEALS']);
		const second = await add('Nadia K', '+17185550140', ['MEALS', 'CLOTHING']);
		expect(first.joined).toBe(false);
		expect(second).toEqual({ id: first.id, joined: true });
		await add('Omar', '+17185550141', []);
		const names = async (q: string) => (await searchRoster(net.id, q, 1)).items.map((h) => h.name);
		expect(await names('')).toEqual(['Nadia', 'Omar']);
		expect(await names('0141')).toEqual(['Omar']);
		expect(await names('nad')).toEqual(['Nadia']);
		expect((await searchRoster(net.id, '', 1)).items[0]?._count.requests).toBe(2);
	});

	it('merges a household whose number changed, keeping one open request per kind', async () => {
		const net = await network();
		const add = (phone: string, requests: ('MEALS' | 'CLOTHING' | 'RIDES')[], languages: string[]) =>
			db.$transaction((tx) =>
				addHousehold(tx, net.id, { name: phone, phone, languages, notes: phone, requests }, 'intake')
			);
		const old = await add('+17185550150', ['MEALS', 'CLOTHING'], ['es']);
		const current = await add('+17185550151', ['MEALS', 'RIDES'], ['en']);
		expect(await mergeHousehold(net.id, old.id, '+17185550152')).toEqual({
			ok: false,
			reason: 'no-household'
		});
		expect(await mergeHousehold(net.id, old.id, '+17185550150')).toEqual({ ok: false, reason: 'same' });
		expect(await mergeHousehold(net.id, old.id, '+17185550151')).toEqual({ ok: true, into: current.id });
		expect(await db.household.findUnique({ where: { id: old.id } })).toBeNull();
		const merged = await db.household.findUniqueOrThrow({
			where: { id: current.id },
			include: { requests: { orderBy: { id: 'asc' } } }
		});
		expect(merged.languages).toEqual(['en', 'es']);
		expect(merged.notes).toBe('+17185550151\n+17185550150');
		expect(merged.requests.map((r) => [r.category, r.status])).toEqual([
			['MEALS', 'OPEN'],
			['CLOTHING', 'OPEN'],
			['MEALS', 'TIMED_OUT'],
			['RIDES', 'OPEN']
		]);
		// The request of the household that asked first stays; the newer duplicate says why it closed.
		expect(await eventsOf(merged.requests[0]!.id)).toEqual(['opened', 'merged']);
		expect(await eventsOf(merged.requests[2]!.id)).toEqual(['opened', 'merged']);
	});

	it('forgets a household with nothing open and nothing done for a year', async () => {
		const net = await network();
		const longAgo = new Date(Date.now() - 400 * DAY);
		const quiet = await db.household.create({
			data: { networkId: net.id, name: 'Quiet', phone: '+17185550160', createdAt: longAgo }
		});
		const waiting = await db.household.create({
			data: { networkId: net.id, name: 'Waiting', phone: '+17185550161', createdAt: longAgo }
		});
		await db.householdRequest.create({
			data: { householdId: waiting.id, category: 'MEALS', source: 'import', openedAt: longAgo }
		});
		const recent = await db.household.create({
			data: { networkId: net.id, name: 'Recent', phone: '+17185550162' }
		});
		await db.$executeRaw`UPDATE households SET updated_at = ${longAgo} WHERE network_id = ${net.id}`;
		await purgeInactiveHouseholds();
		const left = await db.household.findMany({ where: { networkId: net.id }, orderBy: { name: 'asc' } });
		expect(left.map((h) => h.name)).toEqual(['Recent', 'Waiting']);
		expect(quiet.id).not.toBe(recent.id);
	});
});

describe('the counts', () => {
	it('counts deliveries per week and kind, households served and the median days, with no people', async () => {
		const net = await network();
		const now = new Date('2026-11-25T12:00:00Z');
		const make = async (
			phone: string,
			category: 'MEALS' | 'CLOTHING',
			openedDaysAgo: number,
			deliveredDaysAgo: number | null
		) => {
			const h = await db.household.upsert({
				where: { networkId_phone: { networkId: net.id, phone } },
				create: { networkId: net.id, name: phone, phone },
				update: {}
			});
			await db.householdRequest.create({
				data: {
					householdId: h.id,
					category,
					source: 'import',
					openedAt: new Date(now.getTime() - openedDaysAgo * DAY),
					status: deliveredDaysAgo === null ? 'OPEN' : 'DELIVERED',
					closedAt: deliveredDaysAgo === null ? null : new Date(now.getTime() - deliveredDaysAgo * DAY)
				}
			});
		};
		await make('+17185550170', 'MEALS', 10, 8); // 2 days, week of Nov 16
		await make('+17185550170', 'CLOTHING', 10, 1); // 9 days, week of Nov 23
		await make('+17185550171', 'MEALS', 5, 1); // 4 days, week of Nov 23
		await make('+17185550172', 'MEALS', 3, null);
		const stats = await householdStats(net.id, now);
		expect(stats).toEqual({
			fulfilledByWeek: [
				{ week: '2026-11-23', category: 'CLOTHING', count: 1 },
				{ week: '2026-11-23', category: 'MEALS', count: 1 },
				{ week: '2026-11-16', category: 'MEALS', count: 1 }
			],
			householdsServed: 2,
			householdsServedRecently: 2,
			medianDaysToDelivery: 4
		});
	});
});
