// A network's distribution days belong to its own team: another network's moderators (and admins, who
// are on no team) get the same 404 as for a day that does not exist, on every page and every action,
// and a day is found only under its own network's address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as listPage from '../../src/routes/moderate/networks/[slug=slug]/distributions/+page.server.ts';
import * as newPage from '../../src/routes/moderate/networks/[slug=slug]/distributions/new/+page.server.ts';
import * as dayPage from '../../src/routes/moderate/networks/[slug=slug]/distributions/[id=id]/+page.server.ts';
import * as editPage from '../../src/routes/moderate/networks/[slug=slug]/distributions/[id=id]/edit/+page.server.ts';
import * as outreachPage from '../../src/routes/moderate/networks/[slug=slug]/distributions/[id=id]/outreach/+page.server.ts';
import * as checkInPage from '../../src/routes/moderate/networks/[slug=slug]/distributions/[id=id]/check-in/+page.server.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { dateInNewYork } from '../../src/lib/server/calendar.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `dist${Date.now().toString(36)}`;
const people = { own: '', other: '' };
let mine: { id: number; slug: string };
let theirs: { id: number; slug: string };
let dayId = 0;

beforeAll(async () => {
	db = await useTestDatabase();
	const network = (name: string) =>
		db.network.create({
			data: { name: `${name} ${RUN}`, slug: `${name}-${RUN}` },
			select: { id: true, slug: true }
		});
	mine = await network('mine');
	theirs = await network('theirs');
	for (const name of Object.keys(people) as (keyof typeof people)[]) {
		people[name] = (
			await db.user.create({
				data: { email: `${name}-${RUN}@example.org`, name, profileCompletedAt: new Date() },
				select: { id: true }
			})
		).id;
	}
	await db.networkMembership.createMany({
		data: [
			{ userId: people.own, networkId: mine.id, role: 'MODERATOR' },
			{ userId: people.other, networkId: theirs.id, role: 'ORGANIZER' }
		]
	});
	const day = await db.distribution.create({
		data: {
			networkId: mine.id,
			date: dateInNewYork(new Date(Date.now() + 2 * 24 * 60 * 60 * 1000)),
			place: 'Hall',
			languages: ['en']
		}
	});
	dayId = day.id;
});
// Networks left behind would join every other test's directory (places.test lists them all).
afterAll(async () => {
	await db.network.deleteMany({ where: { id: { in: [mine.id, theirs.id] } } });
	await disconnectDatabase();
});

const dayForm = {
	date: dateInNewYork(new Date(Date.now() + 3 * 24 * 60 * 60 * 1000)),
	place: 'Elsewhere',
	firstSlot: '10:00',
	slotMinutes: '30',
	slotCount: '10',
	capacity: '6',
	languages: ['en']
};

type Handler = (event: never) => unknown;
const page = (slug: string, id = dayId) => `/moderate/networks/${slug}/distributions/${id}`;
const HANDLERS: [
	string,
	Handler | undefined,
	(slug: string) => string,
	Record<string, string | string[]>?
][] = [
	['list', listPage.load as Handler, (slug) => `/moderate/networks/${slug}/distributions`],
	['new', newPage.load as Handler, (slug) => `/moderate/networks/${slug}/distributions/new`],
	[
		'create',
		newPage.actions.default as Handler,
		(slug) => `/moderate/networks/${slug}/distributions/new`,
		dayForm
	],
	['day', dayPage.load as Handler, page],
	['close', dayPage.actions.close as Handler, page, {}],
	['edit', editPage.load as Handler, (slug) => `${page(slug)}/edit`],
	['save', editPage.actions.default as Handler, (slug) => `${page(slug)}/edit`, dayForm],
	['outreach', outreachPage.load as Handler, (slug) => `${page(slug)}/outreach`],
	[
		'start',
		outreachPage.actions.start as Handler,
		(slug) => `${page(slug)}/outreach`,
		{ template_en: 'Hi {first_name}' }
	],
	['stop', outreachPage.actions.stop as Handler, (slug) => `${page(slug)}/outreach`, { run: '1' }],
	['check-in', checkInPage.load as Handler, (slug) => `${page(slug)}/check-in?q=1234`],
	[
		'apply',
		checkInPage.actions.apply as Handler,
		(slug) => `${page(slug)}/check-in`,
		{ op: `op-${RUN}-x`, kind: 'check-in', household: '1' }
	]
];

const run = (
	handler: Handler | undefined,
	path: string,
	slug: string,
	userId: string,
	body?: Record<string, string | string[]>
) =>
	requestEvent({
		path,
		params: { slug, id: String(dayId) },
		userId,
		...(body ? { body: form(body) } : {})
	}).then((event) => call(handler, event));

describe('another network’s moderators', () => {
	it.each(HANDLERS)('get a 404 from %s', async (_name, handler, path, body) => {
		expect(await run(handler, path(mine.slug), mine.slug, people.other, body)).toMatchObject({ status: 404 });
	});

	it.each(HANDLERS.filter(([, , , body]) => !body))(
		'cannot reach the day through their own network: %s',
		async (_name, handler, path) => {
			const outcome = await run(handler, path(theirs.slug), theirs.slug, people.other);
			// Their own list and new-day pages open; the day itself is not theirs.
			if (_name === 'list' || _name === 'new') expect(outcome.status).toBe(200);
			else expect(outcome).toMatchObject({ status: 404 });
		}
	);

	it('leaves the day untouched', async () => {
		const day = await db.distribution.findUniqueOrThrow({ where: { id: dayId } });
		expect(day).toMatchObject({ place: 'Hall', closedAt: null });
		expect(await db.distribution.count({ where: { networkId: mine.id } })).toBe(1);
	});
});

describe('the network’s own moderators', () => {
	it('open the day and its pages', async () => {
		for (const [name, handler, path, body] of HANDLERS.filter(([, , , b]) => !b)) {
			const outcome = await run(handler, path(mine.slug), mine.slug, people.own, body);
			expect(outcome.status, name).toBe(200);
		}
	});
});
