// Repeating requests end to end on the database: a series of 8 weekly occurrences created a few weeks
// at a time, two occurrences claimed by two people, a standing commitment taken, accepted, carried to
// new occurrences and stepped back from (the poster told once, the occurrences open again), the series'
// controls, the digests, and the public API's shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { requestEvent } from '../../../../tests/support/request-event.ts';
import * as postsApi from '../../../routes/api/posts/+server.ts';
import * as seriesPage from '../../../routes/series/[id=id]/+page.server.ts';
import type { Database } from '../db/index.ts';
import { dateInNewYork, startOfDayInNewYork } from '../calendar.ts';
import { acceptClaim, createClaim, sendCheckIns } from '../claims/lifecycle.ts';
import { acceptStanding, stepBack, takeStanding } from '../claims/standing.ts';
import { postSchema, readPostForm } from './form.ts';
import { createPost, updatePost } from './index.ts';
import { sendExpiryReminders } from './lifecycle.ts';
import { setAway } from '../accounts/away.ts';
import { addDays, HORIZON_DAYS } from './recurrence.ts';
import { controlSeries, extendSeries } from './series.ts';

let db: Database;
const RUN = `sr${Date.now().toString(36)}`;
const ORIGIN = 'https://each.test';
const DAY = 24 * 60 * 60 * 1000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(() => disconnectDatabase());

const person = (name: string) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name } });

const tomorrow = () => addDays(dateInNewYork(new Date()), 1);

function form(fields: Record<string, string | string[]>) {
	const data = new FormData();
	const base = {
		kind: 'NEED',
		title: `Groceries ${RUN}`,
		category: 'GROCERIES',
		neighborhood: 'kensington',
		timeWindow: 'THIS_WEEK'
	};
	for (const [name, value] of Object.entries({ ...base, ...fields })) {
		for (const one of [value].flat()) data.append(name, one);
	}
	return readPostForm(data);
}

async function postSeries(authorId: string, fields: Record<string, string | string[]>) {
	const result = await createPost(authorId, postSchema.parse(form(fields)));
	if (!result.ok) throw new Error(JSON.stringify(result));
	const { seriesId } = await db.post.findUniqueOrThrow({
		where: { id: result.id },
		select: { seriesId: true }
	});
	return seriesId!;
}

const occurrences = (seriesId: number) =>
	db.post.findMany({
		where: { seriesId },
		orderBy: { occursOn: 'asc' },
		select: { id: true, status: true, occursOn: true, title: true, timeWindow: true }
	});

const mailsTo = (email: string | null) =>
	db.outboxMessage.findMany({ where: { toAddress: email! }, orderBy: { id: 'asc' } });

/** A weekly series of 8 whose poster accepted a volunteer's standing commitment. */
async function committedSeries(posterName: string, volunteerName: string) {
	const poster = await person(posterName);
	const volunteer = await person(volunteerName);
	const seriesId = await postSeries(poster.id, {
		repeat: 'WEEKLY',
		repeatStart: tomorrow(),
		repeatCount: '8'
	});
	await takeStanding(seriesId, volunteer.id, 'Every week', ORIGIN);
	await acceptStanding(seriesId, ORIGIN);
	return { poster, volunteer, seriesId };
}

describe('the repeat fields of the post form', () => {
	it('are optional, and each mistake is named on its own field', () => {
		expect(postSchema.parse(form({})).repeat).toBeNull();
		const errors = (fields: Record<string, string | string[]>) =>
			postSchema.safeParse(form(fields)).error?.issues.map((issue) => [issue.path[0], issue.message]);
		expect(errors({ repeat: 'WEEKLY', repeatStart: '2020-01-01', repeatCount: '8' })).toEqual([
			['repeatStart', 'series_error_start_past']
		]);
		expect(errors({ repeat: 'WEEKDAYS', repeatStart: tomorrow(), repeatCount: '8' })).toEqual([
			['repeatWeekdays', 'series_error_weekdays']
		]);
		expect(errors({ repeat: 'WEEKLY', repeatStart: tomorrow(), repeatCount: '53' })).toEqual([
			['repeatCount', 'series_error_count']
		]);
		expect(
			errors({ repeat: 'WEEKLY', repeatStart: tomorrow(), repeatEnd: 'until', repeatUntil: tomorrow() })
		).toEqual([['repeatUntil', 'series_error_until']]);
		expect(errors({ repeat: 'YEARLY', repeatStart: tomorrow(), repeatCount: '8' })).toEqual([
			['repeat', 'series_error_rule']
		]);
	});
});

describe('a weekly series of 8', () => {
	let poster: Awaited<ReturnType<typeof person>>;
	let seriesId: number;

	beforeAll(async () => {
		poster = await person('Poster');
		seriesId = await postSeries(poster.id, { repeat: 'WEEKLY', repeatStart: tomorrow(), repeatCount: '8' });
	});

	it('is created a few weeks ahead, each occurrence its own dated post, and never past 8', async () => {
		const first = await occurrences(seriesId);
		expect(first).toHaveLength(Math.floor(HORIZON_DAYS / 7));
		expect(first.map((post) => post.occursOn!.toISOString().slice(0, 10))).toEqual(
			first.map((_, i) => addDays(tomorrow(), 7 * i))
		);
		expect(first.every((post) => post.status === 'OPEN' && post.timeWindow === 'BY_DATE')).toBe(true);
		// Running the job again at once adds nothing; four weeks on, the rest; later still, nothing more.
		await extendSeries(ORIGIN);
		expect(await occurrences(seriesId)).toHaveLength(first.length);
		await extendSeries(ORIGIN, new Date(Date.now() + 28 * DAY));
		await extendSeries(ORIGIN, new Date(Date.now() + 90 * DAY));
		expect(await occurrences(seriesId)).toHaveLength(8);
		expect((await db.postSeries.findUniqueOrThrow({ where: { id: seriesId } })).finishedAt).not.toBeNull();
	});

	it('lists each open occurrence on /api/posts with its series and its day; a one-off post has neither', async () => {
		const oneOff = await createPost(poster.id, postSchema.parse(form({ title: `Bread once ${RUN}` })));
		const event = await requestEvent({ path: `/api/posts?q=${RUN}&limit=50` });
		const response = await postsApi.GET(event as never);
		const { posts } = (await response.json()) as {
			posts: { id: number; series: number | null; occursOn: string | null }[];
		};
		const mine = posts.filter((post) => post.series === seriesId);
		expect(mine.map((post) => post.occursOn).sort()).toEqual(
			[...Array(8).keys()].map((i) => addDays(tomorrow(), 7 * i))
		);
		expect(posts.find((post) => oneOff.ok && post.id === oneOff.id)).toMatchObject({
			series: null,
			occursOn: null
		});
	});

	it('takes two claims from two people, then a standing commitment that is accepted, carried on and stepped back from', async () => {
		const [ana, ben, cleo] = [await person('Ana'), await person('Ben'), await person('Cleo')];
		const dates = await occurrences(seriesId);
		await acceptClaim(await createClaim(dates[0]!.id, ana.id, 'I can do the first', ORIGIN), ORIGIN);
		await acceptClaim(await createClaim(dates[1]!.id, ben.id, 'I can do the second', ORIGIN), ORIGIN);
		const before = (await mailsTo(poster.email)).length;

		// Cleo takes every date still open: six pending claims, one mail to the poster.
		await takeStanding(seriesId, cleo.id, 'Every week, happily', ORIGIN);
		const pending = await db.claim.findMany({ where: { claimantId: cleo.id, status: 'PENDING' } });
		expect(pending).toHaveLength(6);
		const offered = (await mailsTo(poster.email)).slice(before);
		expect(offered).toHaveLength(1);
		expect(offered[0]!.subject).toContain('Cleo');
		await expect(takeStanding(seriesId, ben.id, 'Me too', ORIGIN)).rejects.toMatchObject({
			problem: 'already-claimed'
		});

		// The poster accepts once; Cleo hears once.
		await acceptStanding(seriesId, ORIGIN);
		expect((await occurrences(seriesId)).map((post) => post.status)).toEqual(Array(8).fill('CLAIMED'));
		expect(await mailsTo(cleo.email)).toHaveLength(1);

		// Cleo steps back: her six reopen, Ana's and Ben's stay theirs, the poster is told once.
		expect(await stepBack(seriesId, cleo.id, ORIGIN)).toBe(6);
		expect((await occurrences(seriesId)).map((post) => post.status)).toEqual([
			'CLAIMED',
			'CLAIMED',
			...Array(6).fill('OPEN')
		]);
		const told = (await mailsTo(poster.email)).slice(before);
		expect(told).toHaveLength(2);
		expect(told[1]!.text).toContain('Cleo');
		expect(await db.claim.count({ where: { claimantId: cleo.id, status: 'RELEASED' } })).toBe(6);
	});

	it('carries an edit to one occurrence to the open ones after it', async () => {
		const dates = await occurrences(seriesId);
		const third = dates[2]!;
		const input = postSchema.parse(form({ title: `Groceries and milk ${RUN}`, timeWindow: 'FLEXIBLE' }));
		expect(await updatePost(third.id, input)).toEqual({ ok: true, id: third.id });
		const after = await occurrences(seriesId);
		expect(after.map((post) => post.title.startsWith('Groceries and milk'))).toEqual([
			false,
			false,
			...Array(6).fill(true)
		]);
		// The occurrence keeps its day whatever time window the form sent.
		expect(after[2]!.timeWindow).toBe('BY_DATE');
	});
});

describe('personal details written into one occurrence', () => {
	it('flag the later occurrences for moderators too, and the ones the job adds', async () => {
		const poster = await person('Dora');
		const seriesId = await postSeries(poster.id, {
			repeat: 'WEEKLY',
			repeatStart: tomorrow(),
			repeatCount: '8'
		});
		const [, second] = await occurrences(seriesId);
		const input = postSchema.parse(
			form({ details: 'Call me at 718-555-0142, 12 Court St', publishAnyway: 'yes' })
		);
		expect(await updatePost(second!.id, input)).toEqual({ ok: true, id: second!.id });
		await extendSeries(ORIGIN, new Date(Date.now() + 28 * DAY));
		const flagged = await db.post.findMany({
			where: { seriesId },
			orderBy: { occursOn: 'asc' },
			select: { privacyFlagged: true }
		});
		expect(flagged.length).toBeGreaterThan(4);
		expect(flagged.map((post) => post.privacyFlagged)).toEqual([
			false,
			...Array(flagged.length - 1).fill(true)
		]);
	});
});

describe('a standing commitment taken early', () => {
	it('claims each new occurrence the job adds, accepted once the poster accepted it', async () => {
		const { poster, volunteer, seriesId } = await committedSeries('Early', 'Keen');
		const mails = (await mailsTo(volunteer.email)).length;
		await extendSeries(ORIGIN, new Date(Date.now() + 28 * DAY));
		const all = await occurrences(seriesId);
		expect(all).toHaveLength(8);
		expect(all.map((post) => post.status)).toEqual(Array(8).fill('CLAIMED'));
		expect(await db.claim.count({ where: { claimantId: volunteer.id, status: 'ACCEPTED' } })).toBe(8);
		// New dates join the commitment quietly: nobody is mailed per occurrence.
		expect(await mailsTo(volunteer.email)).toHaveLength(mails);

		// The series page names the volunteer to the poster and to the volunteer, to nobody else.
		const stranger = await person('Nosy');
		const nameSeenBy = async (userId: string | null) => {
			const event = await requestEvent({
				path: `/series/${seriesId}`,
				params: { id: String(seriesId) },
				userId
			});
			const page = (await seriesPage.load(event as never)) as {
				series: { standing: { name: string | null } };
			};
			return page.series.standing.name;
		};
		expect(await nameSeenBy(poster.id)).toBe('Keen');
		expect(await nameSeenBy(volunteer.id)).toBe('Keen');
		expect(await nameSeenBy(stranger.id)).toBeNull();
		expect(await nameSeenBy(null)).toBeNull();
	});
});

describe('a standing volunteer who goes away', () => {
	it('hands back the dates until they are back, the poster told once, and keeps the ones after', async () => {
		const { poster, volunteer, seriesId } = await committedSeries('Waiting', 'Traveller');
		const before = (await mailsTo(poster.email)).length;
		// Away through the second date.
		const dates = await occurrences(seriesId);
		const through = dates[1]!.occursOn!.toISOString().slice(0, 10);
		await setAway(volunteer.id, through, ORIGIN);

		const statuses = async () => (await occurrences(seriesId)).map((post) => post.status);
		expect((await statuses()).slice(0, 2)).toEqual(['OPEN', 'OPEN']);
		expect((await statuses()).slice(2).every((status) => status === 'CLAIMED')).toBe(true);
		const told = (await mailsTo(poster.email)).slice(before);
		expect(told).toHaveLength(1);
		expect(told[0]!.subject).toContain('Traveller is away until');
		expect((await db.postSeries.findUniqueOrThrow({ where: { id: seriesId } })).standingClaimantId).toBe(
			volunteer.id
		);
		// Dates the job adds later are theirs again; none falls in the away days any more.
		await extendSeries(ORIGIN, new Date(Date.now() + 28 * DAY));
		const all = await statuses();
		expect(all).toHaveLength(8);
		expect(all).toEqual(['OPEN', 'OPEN', ...Array(6).fill('CLAIMED')]);
	});

	it('does not take a new date that falls while they are away', async () => {
		const { volunteer, seriesId } = await committedSeries('Later', 'Absent');
		// Away for the next six weeks: the dates the job adds in that time stay open.
		await setAway(volunteer.id, addDays(dateInNewYork(new Date()), 42), ORIGIN);
		await extendSeries(ORIGIN, new Date(Date.now() + 28 * DAY));
		const all = await occurrences(seriesId);
		expect(all).toHaveLength(8);
		const away = all.filter(
			(post) => post.occursOn!.toISOString().slice(0, 10) <= addDays(dateInNewYork(new Date()), 42)
		);
		expect(away.length).toBeGreaterThan(4);
		expect(away.every((post) => post.status === 'OPEN')).toBe(true);
	});
});

describe('a standing volunteer suspended from the network', () => {
	it('loses the commitment, and neither that series nor any after it stops getting dates', async () => {
		const poster = await person('Suspending');
		const volunteer = await person('Suspended');
		const weekly = { repeat: 'WEEKLY', repeatStart: tomorrow(), repeatCount: '8' };
		const first = await postSeries(poster.id, weekly);
		const later = await postSeries(poster.id, weekly);
		await takeStanding(first, volunteer.id, 'Every week', ORIGIN);
		await acceptStanding(first, ORIGIN);
		const { networkId } = await db.postSeries.findUniqueOrThrow({ where: { id: first } });
		await db.networkSuspension.create({ data: { userId: volunteer.id, networkId, reason: 'test' } });

		await extendSeries(ORIGIN, new Date(Date.now() + 28 * DAY));

		expect(await occurrences(first)).toHaveLength(8);
		expect(await occurrences(later)).toHaveLength(8);
		expect((await db.postSeries.findUniqueOrThrow({ where: { id: first } })).standingClaimantId).toBeNull();
		const added = (await occurrences(first)).slice(-2);
		expect(added.map((post) => post.status)).toEqual(['OPEN', 'OPEN']);
	});
});

describe('a series’ controls and digests', () => {
	it('pauses (no new dates), resumes, and on ending withdraws only the open dates ahead', async () => {
		const poster = await person('Pauser');
		const seriesId = await postSeries(poster.id, {
			repeat: 'WEEKLY',
			repeatStart: tomorrow(),
			repeatCount: '20'
		});
		const made = (await occurrences(seriesId)).length;
		expect(await controlSeries(seriesId, 'pause')).toBe(true);
		expect(await controlSeries(seriesId, 'pause')).toBe(false);
		await extendSeries(ORIGIN, new Date(Date.now() + 14 * DAY));
		expect(await occurrences(seriesId)).toHaveLength(made);
		expect(await controlSeries(seriesId, 'resume')).toBe(true);
		const helper = await person('Helper');
		const first = (await occurrences(seriesId))[0]!;
		await acceptClaim(await createClaim(first.id, helper.id, 'I can', ORIGIN), ORIGIN);
		expect(await controlSeries(seriesId, 'end')).toBe(true);
		const statuses = (await occurrences(seriesId)).map((post) => post.status);
		expect(statuses).toEqual(['CLAIMED', ...Array(made - 1).fill('WITHDRAWN')]);
		await extendSeries(ORIGIN, new Date(Date.now() + 60 * DAY));
		expect(await occurrences(seriesId)).toHaveLength(made);
	});

	it('asks "still needed?" once for the occurrences due together, and "did this happen?" once per series', async () => {
		const poster = await person('Daily');
		const volunteer = await person('Steady');
		const seriesId = await postSeries(poster.id, {
			repeat: 'WEEKDAYS',
			repeatWeekdays: ['0', '1', '2', '3', '4', '5', '6'],
			repeatStart: tomorrow(),
			repeatCount: '3'
		});
		const reminder = {
			subject: () => 'Still needed?',
			body: (args: { url: string }) => `Still needed? ${args.url}`,
			text: (args: { url: string }) => `Still needed? ${args.url}`
		};
		// An hour into the first day: the first two expire within two days, the third does not.
		const now = new Date(startOfDayInNewYork(tomorrow()).getTime() + 60 * 60 * 1000);
		while ((await sendExpiryReminders(ORIGIN, reminder, now)) > 0);
		const asked = (await mailsTo(poster.email)).filter((mail) => mail.subject === 'Still needed?');
		expect(asked).toHaveLength(1);
		expect(asked[0]!.text).toContain(`/series/${seriesId}`);
		const reminded = await db.post.count({ where: { seriesId, reminderSentAt: { not: null } } });
		expect(reminded).toBe(2);

		await takeStanding(seriesId, volunteer.id, 'Every day', ORIGIN);
		await acceptStanding(seriesId, ORIGIN);
		const mailsBefore = (await mailsTo(volunteer.email)).length;
		const after = new Date(startOfDayInNewYork(addDays(tomorrow(), 4)).getTime());
		while ((await sendCheckIns(ORIGIN, after)) > 0);
		expect((await mailsTo(volunteer.email)).length - mailsBefore).toBe(1);
		expect(await db.claim.count({ where: { claimantId: volunteer.id, checkInSentAt: { not: null } } })).toBe(
			3
		);
	});
});
