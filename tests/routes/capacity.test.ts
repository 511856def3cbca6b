// Pausing a network, through its real page actions: who may, the confirm step, what a pause does to
// a neighbor's post and to a moderator's intake, and that it ends by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as capacityPage from '../../src/routes/networks/[slug=slug]/capacity/+page.server.ts';
import * as newPostPage from '../../src/routes/posts/new/+page.server.ts';
import * as intakePage from '../../src/routes/moderate/intake/+page.server.ts';
import * as accountPage from '../../src/routes/account/+page.server.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { dateInNewYork } from '../../src/lib/server/calendar.ts';
import { networksTakingPostsIn } from '../../src/lib/server/places/index.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `cap${Date.now().toString(36)}`;
const DAY_MS = 24 * 60 * 60 * 1000;
const inDays = (days: number) => dateInNewYork(new Date(Date.now() + days * DAY_MS));
const people = { organizer: '', moderator: '', neighbor: '' };
let paused: { id: number; slug: string; name: string };
let other: { id: number; slug: string };
let bathBeach: number;

beforeAll(async () => {
	db = await useTestDatabase();
	// Bath Beach has no local network in the directory: two test networks become its local ones.
	bathBeach = (await db.neighborhood.findUniqueOrThrow({ where: { slug: 'bath-beach' } })).id;
	const network = (name: string) =>
		db.network.create({
			data: {
				name: `${name} ${RUN}`,
				slug: `${name.toLowerCase().replace(/ /g, '-')}-${RUN}`,
				boroughId: 3,
				editedAt: new Date(),
				coverage: { create: { neighborhoodId: bathBeach } }
			},
			select: { id: true, slug: true, name: true }
		});
	paused = await network('Bath Beach Pantry');
	other = await network('Bath Beach Helpers');
	const user = (name: string) =>
		db.user.create({
			data: { email: `${name}-${RUN}@example.org`, name, profileCompletedAt: new Date() },
			select: { id: true }
		});
	for (const name of Object.keys(people) as (keyof typeof people)[]) people[name] = (await user(name)).id;
	await db.networkMembership.createMany({
		data: [
			{ userId: people.organizer, networkId: paused.id, role: 'ORGANIZER' },
			{ userId: people.moderator, networkId: paused.id, role: 'MODERATOR' }
		]
	});
});

// Other test files expect Bath Beach to have no local network.
afterAll(async () => {
	await db.networkCoverage.deleteMany({ where: { networkId: { in: [paused.id, other.id] } } });
	await db.network.updateMany({
		where: { id: { in: [paused.id, other.id] } },
		data: { inactiveSince: new Date(), pausedUntil: null }
	});
	await disconnectDatabase();
});

const capacity = (action: 'pause' | 'resume' | 'limits', fields: Record<string, string>, userId: string) =>
	requestEvent({
		path: `/networks/${paused.slug}/capacity`,
		params: { slug: paused.slug },
		userId,
		body: form(fields)
	}).then((event) => call(capacityPage.actions[action], event));

const pauseOf = () =>
	db.network.findUniqueOrThrow({
		where: { id: paused.id },
		select: { pausedUntil: true, pauseMessage: true, claimCap: true }
	});

const postFields = {
	kind: 'NEED',
	title: `Groceries ${RUN}`,
	details: '',
	category: 'GROCERIES',
	neighborhood: 'bath-beach',
	timeWindow: 'THIS_WEEK'
};

describe('pausing a network', () => {
	it('is refused to its moderators, to strangers and to anyone signed out, and nothing changes', async () => {
		const until = inDays(10);
		for (const userId of [people.moderator, people.neighbor]) {
			expect(await capacity('pause', { until, message: 'x', confirmed: 'yes' }, userId)).toMatchObject({
				kind: 'error',
				status: 404
			});
			expect(await capacity('limits', { claimCap: '2' }, userId)).toMatchObject({ status: 404 });
		}
		const signedOut = await requestEvent({
			path: `/networks/${paused.slug}/capacity`,
			params: { slug: paused.slug },
			body: form({ until, confirmed: 'yes' })
		}).then((event) => call(capacityPage.actions.pause, event));
		expect(signedOut).toMatchObject({ kind: 'redirect', status: 303 });
		expect(await pauseOf()).toEqual({ pausedUntil: null, pauseMessage: null, claimCap: null });
	});

	it('asks to confirm, refuses a date that has passed, and is logged once confirmed', async () => {
		const until = inDays(10);
		expect(await capacity('pause', { until: inDays(0), message: '' }, people.organizer)).toMatchObject({
			kind: 'fail',
			data: { form: 'pause', errors: { until: 'pause_error_until_past' } }
		});
		expect(await capacity('pause', { until: inDays(200), message: '' }, people.organizer)).toMatchObject({
			data: { errors: { until: 'pause_error_until_far' } }
		});
		const message = 'Nos quedamos sin voluntarios esta semana. Llamen a la despensa de la iglesia.';
		expect(await capacity('pause', { until, message }, people.organizer)).toMatchObject({
			kind: 'fail',
			data: { form: 'pause', confirm: true, values: { until, message } }
		});
		expect((await pauseOf()).pausedUntil).toBeNull();

		expect(await capacity('pause', { until, message, confirmed: 'yes' }, people.organizer)).toMatchObject({
			kind: 'redirect',
			location: `/networks/${paused.slug}`
		});
		const after = await pauseOf();
		expect(after.pauseMessage).toBe(message);
		expect(dateInNewYork(after.pausedUntil!)).toBe(until);
		const logged = await db.moderationLogEntry.findMany({ where: { networkId: paused.id } });
		expect(logged.map((entry) => [entry.action, entry.details, entry.actorId])).toEqual([
			['pause', until, people.organizer]
		]);
	});

	it('routes a neighbor’s new post to the other network covering the neighborhood', async () => {
		const event = await requestEvent({ path: '/posts/new', userId: people.neighbor, body: form(postFields) });
		const outcome = await call(newPostPage.actions.default, event);
		expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
		const id = Number((outcome as { location: string }).location.split('/').pop());
		expect((await db.post.findUniqueOrThrow({ where: { id } })).networkId).toBe(other.id);
	});

	it('refuses its own moderators’ intake for it, with the pause notice', async () => {
		const event = await requestEvent({
			path: '/moderate/intake',
			userId: people.moderator,
			body: form({
				...postFields,
				network: String(paused.id),
				intakeName: 'Ms. R',
				intakeContact: 'by phone'
			})
		});
		const outcome = await call(intakePage.actions.default, event);
		expect(outcome).toMatchObject({
			kind: 'fail',
			status: 400,
			data: { errors: { neighborhood: 'pause_error_post' }, pauses: [{ name: paused.name }] }
		});
		expect(await db.post.count({ where: { networkId: paused.id } })).toBe(0);
	});

	it('tells a poster before they write, where no network is left, and refuses the post with the same notice', async () => {
		// Everyone else who could take a Bath Beach post steps out for a moment.
		const others = await db.network.findMany({
			where: {
				inactiveSince: null,
				id: { not: paused.id },
				OR: [{ id: other.id }, { coverage: { none: {} } }]
			},
			select: { id: true }
		});
		const ids = others.map((n) => n.id);
		await db.network.updateMany({ where: { id: { in: ids } }, data: { inactiveSince: new Date() } });
		try {
			const load = await requestEvent({
				path: '/posts/new?neighborhood=bath-beach',
				userId: people.neighbor
			}).then((event) => call(newPostPage.load, event));
			expect(load).toMatchObject({
				kind: 'data',
				data: { pauses: [{ name: paused.name, message: expect.stringContaining('voluntarios') }] }
			});
			const notice = (load as { data: { pauses: { elsewhere: unknown[] }[] } }).data.pauses[0]!;
			// Every other network that could have helped is out too, so only 311 is left to suggest.
			expect(notice.elsewhere).toEqual([]);

			const event = await requestEvent({
				path: '/posts/new',
				userId: people.neighbor,
				body: form(postFields)
			});
			expect(await call(newPostPage.actions.default, event)).toMatchObject({
				kind: 'fail',
				data: { pauses: [{ name: paused.name }] }
			});
		} finally {
			await db.network.updateMany({ where: { id: { in: ids } }, data: { inactiveSince: null } });
		}
	});

	it('lists the other network covering its neighborhoods, and the citywide ones, as where else to turn', async () => {
		const load = await requestEvent({
			path: `/posts/new?network=${paused.id}`,
			userId: people.neighbor
		}).then((event) => call(newPostPage.load, event));
		const [notice] = (load as { data: { pauses: { elsewhere: { slug: string; citywide: boolean }[] }[] } })
			.data.pauses;
		expect(notice?.elsewhere).toEqual(
			expect.arrayContaining([
				{ name: expect.any(String), slug: other.slug, citywide: false },
				{ name: expect.any(String), slug: 'mutual-aid-nyc', citywide: true }
			])
		);
	});

	it('ends by itself on its date, and can be lifted early', async () => {
		const { pausedUntil } = await pauseOf();
		const slugs = async (now: Date) => (await networksTakingPostsIn(bathBeach, db, now)).map((n) => n.slug);
		expect(await slugs(new Date())).not.toContain(paused.slug);
		expect(await slugs(pausedUntil!)).toContain(paused.slug);

		expect(await capacity('resume', {}, people.organizer)).toMatchObject({ kind: 'redirect' });
		expect(await pauseOf()).toMatchObject({ pausedUntil: null, pauseMessage: null });
		expect(await slugs(new Date())).toContain(paused.slug);
	});
});

describe('network limits', () => {
	it('sets and clears the claim cap, refusing what is not a small whole number', async () => {
		for (const claimCap of ['0', '51', 'two', '-1']) {
			expect(await capacity('limits', { claimCap }, people.organizer)).toMatchObject({
				kind: 'fail',
				data: { form: 'limits', errors: { claimCap: 'limits_error_claim_cap' } }
			});
		}
		expect(await capacity('limits', { claimCap: '2' }, people.organizer)).toMatchObject({ kind: 'redirect' });
		expect((await pauseOf()).claimCap).toBe(2);
		expect(await capacity('limits', { claimCap: '' }, people.organizer)).toMatchObject({ kind: 'redirect' });
		expect((await pauseOf()).claimCap).toBeNull();
	});

	it('cannot be set, nor a pause, on a network no longer active', async () => {
		await db.network.update({ where: { id: paused.id }, data: { inactiveSince: new Date() } });
		try {
			expect(await capacity('limits', { claimCap: '3' }, people.organizer)).toMatchObject({ status: 404 });
			expect(
				await capacity('pause', { until: inDays(5), message: '', confirmed: 'yes' }, people.organizer)
			).toMatchObject({ status: 404 });
		} finally {
			await db.network.update({ where: { id: paused.id }, data: { inactiveSince: null } });
		}
	});
});

describe('away until', () => {
	const account = (action: 'away' | 'back', fields: Record<string, string>, userId: string | null) =>
		requestEvent({ path: '/account', userId, body: form(fields) }).then((event) =>
			call(accountPage.actions[action], event)
		);
	const awayUntil = async () =>
		(await db.user.findUniqueOrThrow({ where: { id: people.moderator } })).awayUntil;

	it('is set through the day chosen, refused for a past day or signed out, and cleared on coming back', async () => {
		expect(await account('away', { until: inDays(0) }, people.moderator)).toMatchObject({
			kind: 'fail',
			data: { form: 'away', errors: { until: 'account_away_error' } }
		});
		expect(await account('away', { until: inDays(3) }, null)).toMatchObject({ kind: 'redirect' });
		expect(await awayUntil()).toBeNull();

		expect(await account('away', { until: inDays(3) }, people.moderator)).toMatchObject({
			kind: 'redirect',
			location: '/account#away'
		});
		// Back when the day after the last day away begins.
		expect(dateInNewYork(await awayUntil().then((date) => date!))).toBe(inDays(4));
		expect(await account('back', {}, people.moderator)).toMatchObject({ kind: 'redirect' });
		expect(await awayUntil()).toBeNull();
	});
});
