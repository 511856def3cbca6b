// A distribution day end to end against the database: who is invited, texts paced and stoppable and
// never twice, answers by text and by link, follow-ups, reminders, check-in operations applied once,
// and no-shows at the end of the day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as dayPage from '../../../routes/moderate/networks/[slug=slug]/distributions/[id=id]/+page.server.ts';
import { dateInNewYork } from '../calendar.ts';
import type { Database } from '../db/index.ts';
import type { PostCategory } from '../db/generated/client.ts';
import { postNeed, remindDayBefore } from '../../../../tests/support/posts.ts';
import { receiveText } from '../sms/inbound.ts';
import { optIn, optOut } from '../sms/opt-outs.ts';
import { householdStatsCsv } from '../households/stats.ts';
import { distributionCalendar } from './calendar-feed.ts';
import { applyOperation, findAtDoor } from './checkin.ts';
import { attendance, closeDistribution } from './close.ts';
import { createDistribution, distributionSchema } from './events.ts';
import {
	answerInvitation,
	callList,
	DayOverError,
	defaultTemplates,
	eligibleHouseholds,
	NobodyToInviteError,
	sendFollowUps,
	sendOutreachBatch,
	startOutreach,
	stopOutreach
} from './outreach.ts';
import { sendDistributionReminders } from './reminders.ts';

const STILL_NEEDED = {
	subject: () => 'Still needed?',
	body: () => 'x',
	text: ({ title }: { title: string }) => `Still needed: ${title}? Reply 1 or 2`
};

/** The app's own number: these households answer the texts it sent them. */
const APP_NUMBER = '+17185550100';

const ORIGIN = 'https://each.test';
const RUN = Date.now().toString(36);
const HOUR = 60 * 60 * 1000;
let db: Database;
let counter = Math.floor(Math.random() * 4000);
beforeAll(async () => {
	db = await useTestDatabase();
});
// Networks left behind would join every other test's directory (places.test lists them all).
afterAll(async () => {
	await db.network.deleteMany({ where: { slug: { startsWith: `pantry-${RUN}-` } } });
	await disconnectDatabase();
});

const tomorrow = () => dateInNewYork(new Date(Date.now() + 24 * HOUR));

async function network() {
	return db.network.create({
		data: { name: `Pantry ${RUN} ${++counter}`, slug: `pantry-${RUN}-${counter}` }
	});
}

async function household(
	networkId: number,
	name: string,
	{ languages = ['en'], categories = ['GROCERIES'] as PostCategory[] } = {}
) {
	const phone = `+1718555${String(5000 + (++counter % 4000)).padStart(4, '0')}`;
	await db.household.deleteMany({ where: { phone } });
	await optIn(phone);
	return db.household.create({
		data: {
			networkId,
			name,
			phone,
			languages,
			requests: { create: categories.map((category) => ({ category, source: 'import' })) }
		}
	});
}

async function day(networkId: number, fields: Record<string, string | string[]> = {}) {
	const form = {
		date: tomorrow(),
		place: 'Maria Hernandez Park',
		firstSlot: '10:00',
		slotMinutes: '30',
		slotCount: '2',
		capacity: '1',
		languages: ['en', 'es'],
		item_GROCERIES: '20',
		...fields
	};
	const parsed = distributionSchema().parse(form);
	return (await createDistribution(networkId, parsed)).id;
}

const textsTo = (phone: string) =>
	db.outboxMessage.findMany({ where: { channel: 'SMS', toAddress: phone }, orderBy: { id: 'asc' } });

async function invite(distributionId: number, networkName = 'Pantry') {
	const { languages } = await db.distribution.findUniqueOrThrow({ where: { id: distributionId } });
	await startOutreach(distributionId, defaultTemplates(languages, networkName), 14);
	while ((await sendOutreachBatch(ORIGIN, 50)) > 0);
}

describe('choosing whom to invite', () => {
	it('takes households with a matching open request, a served language, not served lately, not opted out', async () => {
		const { id: networkId } = await network();
		const fits = await household(networkId, `Ana ${RUN}`, { languages: ['es'] });
		await household(networkId, `Boris ${RUN}`, { languages: ['ru'] });
		await household(networkId, `Chen ${RUN}`, { categories: ['PHARMACY'] });
		const served = await household(networkId, `Dana ${RUN}`);
		const request = await db.householdRequest.findFirstOrThrow({ where: { householdId: served.id } });
		await db.householdRequest.create({
			data: {
				householdId: served.id,
				category: 'HOUSEHOLD',
				source: 'import',
				status: 'DELIVERED',
				events: { create: { kind: 'delivered', at: new Date(Date.now() - 3 * 24 * HOUR) } }
			}
		});
		expect(request.status).toBe('OPEN');
		const stopped = await household(networkId, `Eve ${RUN}`);
		await optOut(stopped.phone!);
		const id = await day(networkId);

		expect((await eligibleHouseholds(id, 14)).map((h) => h.name)).toEqual([fits.name]);
		// Served three days ago is fine when the coordinator looks back only two days.
		expect((await eligibleHouseholds(id, 2)).map((h) => h.name).sort()).toEqual([fits.name, served.name]);
	});
});

describe('sending', () => {
	it('texts a few at a time, in each household’s language, and a stopped run texts no more', async () => {
		const { id: networkId } = await network();
		const people = await Promise.all(
			['Ana', 'Bea', 'Cleo', 'Dee', 'Eli'].map((name, i) =>
				household(networkId, `${name} ${RUN}`, { languages: i % 2 ? ['es'] : ['en'] })
			)
		);
		const id = await day(networkId);
		const run = await startOutreach(id, defaultTemplates(['en', 'es'], 'Pantry'), 14);
		expect(run.total).toBe(5);

		expect(await sendOutreachBatch(ORIGIN, 2)).toBe(2);
		const first = await textsTo(people[0]!.phone!);
		expect(first).toHaveLength(1);
		expect(first[0]!.text).toContain('Hi Ana!');
		expect(first[0]!.text).toMatch(new RegExp(`${ORIGIN}/i/[\\w-]{16}`));
		expect((await textsTo(people[1]!.phone!))[0]!.text).toContain('¡Hola Bea!');

		await stopOutreach(id, run.id);
		expect(await sendOutreachBatch(ORIGIN, 10)).toBe(0);
		expect(await textsTo(people[4]!.phone!)).toHaveLength(0);
		expect((await db.outreachRun.findUniqueOrThrow({ where: { id: run.id } })).stoppedAt).not.toBeNull();
	});

	it('texts nobody about a day that has ended, and starts no run for it', async () => {
		const { id: networkId } = await network();
		const ivy = await household(networkId, `Ivy ${RUN}`);
		const id = await day(networkId);
		await startOutreach(id, defaultTemplates(['en'], 'Pantry'), 14);
		// The day is ended from another tab before the pacer gets to Ivy.
		await closeDistribution(id);
		while ((await sendOutreachBatch(ORIGIN, 50)) > 0);
		expect(await textsTo(ivy.phone!)).toHaveLength(0);
		await expect(startOutreach(id, defaultTemplates(['en'], 'Pantry'), 14)).rejects.toBeInstanceOf(
			DayOverError
		);
	});

	it('never texts a household twice for one day, whatever runs at once', async () => {
		const { id: networkId } = await network();
		const people = await Promise.all(['Fay', 'Gus', 'Hal'].map((n) => household(networkId, `${n} ${RUN}`)));
		const id = await day(networkId);
		await startOutreach(id, defaultTemplates(['en'], 'Pantry'), 14);
		await expect(startOutreach(id, defaultTemplates(['en'], 'Pantry'), 14)).rejects.toBeInstanceOf(
			NobodyToInviteError
		);
		await Promise.all([
			sendOutreachBatch(ORIGIN, 5),
			sendOutreachBatch(ORIGIN, 5),
			sendOutreachBatch(ORIGIN, 5)
		]);
		for (const person of people) expect(await textsTo(person.phone!)).toHaveLength(1);
	});
});

describe('answers', () => {
	it('"1" books the earliest slot with room, "2" declines, and the link does the same', async () => {
		const { id: networkId } = await network();
		const [ana, bea, cleo] = await Promise.all(
			['Ana', 'Bea', 'Cleo'].map((n) => household(networkId, `${n} ${RUN}`))
		);
		const id = await day(networkId);
		await invite(id);

		expect(await receiveText({ from: ana!.phone!, to: APP_NUMBER, body: ' 1 ' })).toBe('booked');
		expect(await receiveText({ from: bea!.phone!, to: APP_NUMBER, body: '1' })).toBe('booked');
		const slots = await db.distributionSlot.findMany({
			where: { distributionId: id },
			orderBy: { startsAt: 'asc' }
		});
		const booked = await db.invitation.findMany({ where: { distributionId: id, status: 'CONFIRMED' } });
		expect(booked.map((i) => i.slotId).sort()).toEqual(slots.map((s) => s.id).sort());
		expect((await textsTo(ana!.phone!)).at(-1)!.text).toMatch(/You're booked: .* at 10:00/);

		// Both slots hold one household each: the third is told it is full.
		const third = await db.invitation.findFirstOrThrow({
			where: { distributionId: id, householdId: cleo!.id }
		});
		expect(await answerInvitation(third.id, 'come')).toBe('full');
		expect(await receiveText({ from: bea!.phone!, to: APP_NUMBER, body: '2' })).toBe('declined');
		expect(await answerInvitation(third.id, 'come')).toBe('booked');
		// Not an answer: left for the other handlers.
		expect(await receiveText({ from: ana!.phone!, to: APP_NUMBER, body: 'thanks' })).toBe('no-question');
	});

	it('a question the site asked the number after the invitation gets the "2", not the booking', async () => {
		const { id: networkId } = await network();
		const dana = await household(networkId, `Dana ${RUN}`);
		const id = await day(networkId);
		await invite(id);
		expect(await receiveText({ from: dana.phone!, to: APP_NUMBER, body: '1' })).toBe('booked');
		// Dana also has an account with this number, and is asked whether her post is still needed.
		await db.user.updateMany({ where: { smsNumber: dana.phone }, data: { smsNumber: null } });
		const poster = await db.user.create({
			data: { name: 'Dana', uiLocale: 'en', smsNumber: dana.phone, notifyBy: 'SMS' }
		});
		const postId = await postNeed(poster.id, `Diapers ${RUN}`);
		await remindDayBefore(postId, STILL_NEEDED, ORIGIN);

		expect(await receiveText({ from: dana.phone!, to: APP_NUMBER, body: '2' })).toBe('closed');
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).status).toBe('WITHDRAWN');
		const booking = await db.invitation.findFirstOrThrow({
			where: { distributionId: id, householdId: dana.id }
		});
		expect(booking.status).toBe('CONFIRMED');
		await db.user.update({ where: { id: poster.id }, data: { smsNumber: null } });
	});
});

describe('follow-ups and reminders', () => {
	it('follows up twice, spaced, then puts the household on the call list', async () => {
		const { id: networkId } = await network();
		const quiet = await household(networkId, `Quiet ${RUN}`);
		const id = await day(networkId, { date: dateInNewYork(new Date(Date.now() + 5 * 24 * HOUR)) });
		await invite(id);
		const at = (hours: number) => new Date(Date.now() + hours * HOUR);

		await sendFollowUps(ORIGIN, 24, at(1));
		expect(await textsTo(quiet.phone!)).toHaveLength(1);
		await sendFollowUps(ORIGIN, 24, at(25));
		await sendFollowUps(ORIGIN, 24, at(26));
		expect(await textsTo(quiet.phone!)).toHaveLength(2);
		await sendFollowUps(ORIGIN, 24, at(50));
		expect(await textsTo(quiet.phone!)).toHaveLength(3);
		expect(await callList(id)).toHaveLength(0);
		await sendFollowUps(ORIGIN, 24, at(75));
		expect(await textsTo(quiet.phone!)).toHaveLength(3);
		expect((await callList(id)).map((row) => row.household.name)).toEqual([quiet.name]);
	});

	it('reminds the day before and two hours before, once each, in the household’s language', async () => {
		const { id: networkId } = await network();
		const ana = await household(networkId, `Ana ${RUN}`, { languages: ['es'] });
		const id = await day(networkId);
		await invite(id);
		await receiveText({ from: ana.phone!, to: APP_NUMBER, body: '1' });
		const { slot } = await db.invitation.findFirstOrThrow({
			where: { distributionId: id },
			include: { slot: true }
		});
		const before = (hours: number) => new Date(slot!.startsAt.getTime() - hours * HOUR);
		const count = async () => (await textsTo(ana.phone!)).length;
		const start = await count();

		await Promise.all([sendDistributionReminders(before(20)), sendDistributionReminders(before(20))]);
		expect(await count()).toBe(start + 1);
		expect((await textsTo(ana.phone!)).at(-1)!.text).toMatch(/^Recordatorio: mañana/);
		await sendDistributionReminders(before(19));
		expect(await count()).toBe(start + 1);
		await sendDistributionReminders(before(1));
		await sendDistributionReminders(before(0.5));
		expect(await count()).toBe(start + 2);
	});

	it('says "tomorrow" only the day before: on the day itself, only the reminder two hours before', async () => {
		const { id: networkId } = await network();
		const bea = await household(networkId, `Bea ${RUN}`, { languages: ['es'] });
		const id = await day(networkId);
		await invite(id);
		await receiveText({ from: bea.phone!, to: APP_NUMBER, body: '1' });
		const { slot } = await db.invitation.findFirstOrThrow({
			where: { distributionId: id },
			include: { slot: true }
		});
		const before = (hours: number) => new Date(slot!.startsAt.getTime() - hours * HOUR);
		const start = (await textsTo(bea.phone!)).length;

		// 02:00 on the day of a 10:00 slot (a booking made that night, say): within 24 hours, but today.
		await sendDistributionReminders(before(8));
		expect(await textsTo(bea.phone!)).toHaveLength(start);
		await sendDistributionReminders(before(1.5));
		const texts = await textsTo(bea.phone!);
		expect(texts).toHaveLength(start + 1);
		expect(texts.at(-1)!.text).toMatch(/^Le esperamos hoy/);
	});
});

describe('reminders in batches', () => {
	it('pass over households reminded already, so the batch never fills with them', async () => {
		const { id: networkId } = await network();
		const ana = await household(networkId, `Ana ${RUN}`);
		const bea = await household(networkId, `Bea ${RUN}`);
		const id = await day(networkId);
		await invite(id);
		await receiveText({ from: ana.phone!, to: APP_NUMBER, body: '1' });
		const { slot } = await db.invitation.findFirstOrThrow({
			where: { distributionId: id, householdId: ana.id },
			include: { slot: true }
		});
		const before = (hours: number) => new Date(slot!.startsAt.getTime() - hours * HOUR);
		while ((await sendDistributionReminders(before(20))) > 0);
		// Bea books after Ana was reminded; batches of one must still reach her.
		await receiveText({ from: bea.phone!, to: APP_NUMBER, body: '1' });
		const texts = (await textsTo(bea.phone!)).length;
		while ((await sendDistributionReminders(before(19), 1)) > 0);
		expect(await textsTo(bea.phone!)).toHaveLength(texts + 1);
	});
});

describe('the days the clocks change', () => {
	// A 10:00 slot is 10:00 in New York on the Sunday the clocks change and the Monday after, and its
	// reminder comes two hours before by the clock: 08:00.
	it.each([
		['2027-03-14', '2027-03-14T14:00:00Z', '2027-03-14T12:00:00Z'],
		['2027-03-15', '2027-03-15T14:00:00Z', '2027-03-15T12:00:00Z'],
		['2027-11-07', '2027-11-07T15:00:00Z', '2027-11-07T13:00:00Z'],
		['2027-11-08', '2027-11-08T15:00:00Z', '2027-11-08T13:00:00Z']
	])('%s: the 10:00 slot starts at %s, its reminder at %s (08:00)', async (date, ten, eight) => {
		const { id: networkId } = await network();
		const ana = await household(networkId, `Ana DST ${RUN}`);
		const id = await day(networkId, { date, slotCount: '3' });
		const slots = await db.distributionSlot.findMany({
			where: { distributionId: id },
			orderBy: { startsAt: 'asc' }
		});
		expect(slots.map((slot) => [slot.time, slot.startsAt.toISOString()])).toEqual([
			['10:00', new Date(ten).toISOString()],
			['10:30', new Date(Date.parse(ten) + HOUR / 2).toISOString()],
			['11:00', new Date(Date.parse(ten) + HOUR).toISOString()]
		]);

		await invite(id);
		await receiveText({ from: ana.phone!, to: APP_NUMBER, body: '1' });
		const texts = async () => (await textsTo(ana.phone!)).map((t) => t.text);
		expect((await texts()).at(-1)).toMatch(/^You're booked: .* at 10:00\sAM,/);
		const start = (await texts()).length;
		await sendDistributionReminders(new Date(Date.parse(ten) - 20 * HOUR));
		expect((await texts()).at(-1)).toMatch(/^Reminder: tomorrow at 10:00\sAM,/);
		const minute = 60 * 1000;
		await sendDistributionReminders(new Date(Date.parse(eight) - minute));
		expect(await texts()).toHaveLength(start + 1);
		await sendDistributionReminders(new Date(eight));
		expect(await texts()).toHaveLength(start + 2);
		expect((await texts()).at(-1)).toMatch(/^See you today at 10:00\sAM,/);
	});
});

describe('the door', () => {
	it('finds by the last four digits or a name, and applies each operation once', async () => {
		const net = await network();
		const ana = await household(net.id, `Ana Door ${RUN}`, { categories: ['GROCERIES', 'HOUSEHOLD'] });
		const id = await day(net.id);
		const distribution = { id, networkId: net.id };
		expect((await findAtDoor(id, net.id, ana.phone!.slice(-4))).map((h) => h.id)).toEqual([ana.id]);
		const [found] = await findAtDoor(id, net.id, `door ${RUN}`);
		expect(found?.phoneEnd).toBe(ana.phone!.slice(-4));
		expect(JSON.stringify(found)).not.toContain(ana.phone!);
		const [groceries, kitchen] = found!.requests;

		const deliver = {
			op: `op-${RUN}-1`,
			kind: 'deliver' as const,
			household: ana.id,
			request: groceries!.id
		};
		expect(await applyOperation(distribution, deliver)).toBe('applied');
		expect(await applyOperation(distribution, deliver)).toBe('duplicate');
		const missing = {
			op: `op-${RUN}-2`,
			kind: 'not-in-stock' as const,
			household: ana.id,
			request: kitchen!.id
		};
		await Promise.all([applyOperation(distribution, missing), applyOperation(distribution, missing)]);

		const requests = await db.householdRequest.findMany({
			where: { householdId: ana.id },
			include: { events: true }
		});
		expect(requests.find((r) => r.id === groceries!.id)?.status).toBe('DELIVERED');
		expect(requests.find((r) => r.id === kitchen!.id)?.status).toBe('OPEN');
		expect(requests.flatMap((r) => r.events).filter((e) => e.kind === 'not-in-stock')).toHaveLength(1);
		expect(await db.checkInOperation.count({ where: { distributionId: id } })).toBe(2);
		// Delivering counted the household as checked in (a walk-in, never invited).
		expect((await db.invitation.findFirstOrThrow({ where: { distributionId: id } })).status).toBe(
			'CHECKED_IN'
		);

		const other = await network();
		const stranger = await household(other.id, `Stranger ${RUN}`);
		expect(
			await applyOperation(distribution, { op: `op-${RUN}-3`, kind: 'check-in', household: stranger.id })
		).toBe('refused');
	});
});

describe('the end of the day', () => {
	it('marks no-shows; a second in a row times the requests out; coming resets the count', async () => {
		const net = await network();
		const [ana, bea] = await Promise.all(['Ana', 'Bea'].map((n) => household(net.id, `${n} ${RUN}`)));
		const first = await day(net.id, { capacity: '5' });
		await invite(first);
		await receiveText({ from: ana!.phone!, to: APP_NUMBER, body: '1' });
		await receiveText({ from: bea!.phone!, to: APP_NUMBER, body: '1' });
		await applyOperation(
			{ id: first, networkId: net.id },
			{ op: `op-${RUN}-a`, kind: 'check-in', household: ana!.id }
		);
		expect(await closeDistribution(first)).toBe(1);
		expect(await closeDistribution(first)).toBeNull();
		expect((await db.household.findUniqueOrThrow({ where: { id: bea!.id } })).noShowsInARow).toBe(1);
		expect(await attendance(net.id)).toMatchObject({ days: 1, came: 1, missed: 1, rate: 0.5 });
		const csv = await householdStatsCsv(net.id);
		expect(csv).toContain('distribution_attendance_rate,,,0.500');
		expect(csv).not.toContain(ana!.name);

		const second = await day(net.id, { capacity: '5' });
		await invite(second);
		await receiveText({ from: bea!.phone!, to: APP_NUMBER, body: '1' });
		await closeDistribution(second);
		const requests = await db.householdRequest.findMany({ where: { householdId: bea!.id } });
		expect(requests.every((r) => r.status === 'TIMED_OUT')).toBe(true);
		expect((await db.household.findUniqueOrThrow({ where: { id: bea!.id } })).noShowsInARow).toBe(0);
	});
});

describe('ending the day from its page', () => {
	it('asks first, and ends only when confirmed', async () => {
		const { id: networkId, slug } = await network();
		const moderator = await db.user.create({ data: { email: `end-${RUN}@example.org`, name: 'Mod' } });
		await db.networkMembership.create({ data: { userId: moderator.id, networkId, role: 'MODERATOR' } });
		const id = await day(networkId);
		const end = async (fields: Record<string, string>) =>
			call(
				dayPage.actions.close,
				await requestEvent({
					path: `/moderate/networks/${slug}/distributions/${id}?/close`,
					params: { slug, id: String(id) },
					userId: moderator.id,
					body: form(fields)
				})
			);
		const closedAt = async () => (await db.distribution.findUniqueOrThrow({ where: { id } })).closedAt;
		expect(await end({})).toMatchObject({ status: 400, data: { confirm: true } });
		expect(await closedAt()).toBeNull();
		expect(await end({ confirmed: 'yes' })).toMatchObject({ kind: 'redirect' });
		expect(await closedAt()).not.toBeNull();
	});
});

describe('the calendar feed', () => {
	it('lists upcoming days with their hours and place and nothing about households', async () => {
		const net = await network();
		const ana = await household(net.id, `Ana Feed ${RUN}`);
		const id = await day(net.id, { slotCount: '10', place: 'Maria Hernandez Park, Bushwick' });
		await invite(id);
		const text = await distributionCalendar(net, ORIGIN);
		const lines = text.split('\r\n');
		expect(lines[0]).toBe('BEGIN:VCALENDAR');
		expect(lines.filter((l) => l === 'BEGIN:VEVENT')).toHaveLength(1);
		expect(lines.every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
		expect(text).toContain('LOCATION:Maria Hernandez Park\\, Bushwick');
		// Ten half-hour slots from 10:00: 10:00 to 15:00 in New York.
		const start = lines.find((l) => l.startsWith('DTSTART'))!;
		const end = lines.find((l) => l.startsWith('DTEND'))!;
		const instant = (line: string) =>
			Date.parse(
				line.split(':')[1]!.replace(/(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z/, '$1-$2-$3T$4:$5:$6Z')
			);
		expect(instant(end) - instant(start)).toBe(5 * HOUR);
		expect(text).not.toContain(ana.name);
		expect(text).not.toContain(ana.phone!.slice(2));
	});
});
