// One distribution day, start to end, with the fake SMS provider standing in for the households'
// phones: a roster imported from a spreadsheet's CSV (duplicates and bad rows included), a day with ten
// appointment times, outreach texted in each household's language, answers by text and by the texted
// link, the reminder, check-in at the door on a phone whose connection drops, two no-shows, and the
// counts. Another network's moderator gets a 404 on every household, day and door page and action.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import twilio from 'twilio';
import type { SentText } from '../support/fake-sms.ts';
import { startBuiltApp } from './support/app.ts';
import { expectAccessible } from './support/axe.ts';
import { withDatabase, type Role } from './support/auth.ts';
import { APP_PORT, databaseUrl, SMS_ACCOUNT, SMS_URL, SMTP_PORT, TEXTS_DIR } from './support/env.ts';
import { signedInPage } from './support/people.ts';

// A network no other spec keeps households or days in.
const SLUG = 'sunnyside-woodside-mutual-aid';
const SWMA: Role = { network: SLUG, role: 'MODERATOR' };
const BASE = `/moderate/networks/${SLUG}`;
const ORIGIN = `http://localhost:${APP_PORT}`;
const APP_NUMBER = new URL(SMS_URL).searchParams.get('from')!;
const PLACE = 'Sunnyside Community Services, 43-31 39th St';
const HOUR = 60 * 60 * 1000;

// Fifty households: language by i % 5 (Korean is not served that day), groceries (on hand) for even i.
const LANGUAGES = ['es', 'zh', 'English', 'ht;fr', 'ko'];
const FIRST_NAMES = ['Rosa', 'Mei', 'Grace', 'Jean', 'Minji'];
const name = (i: number) => `${FIRST_NAMES[i % 5]} ${String(i).padStart(2, '0')}`;
const phone = (i: number) => `+1347555${6000 + i}`;
const typed = (i: number) =>
	[`(347) 555-${6000 + i}`, `347-555-${6000 + i}`, `+1 347 555 ${6000 + i}`][i % 3]!;
const requests = (i: number) =>
	i % 2 ? 'Clothing' : i % 4 ? 'Groceries & food' : 'Groceries & food;Clothing';
const CSV = [
	'name,phone,languages,requests',
	...Array.from({ length: 50 }, (_, i) => `${name(i)},${typed(i)},${LANGUAGES[i % 5]},${requests(i)}`),
	// Rows 52 and 53 repeat households 3 and 7 by number; rows 54 and 55 cannot be imported.
	`${name(3)} (cell),347.555.6003,zh,Meals`,
	`"${name(7)}, again",3475556007,,Clothing`,
	'No Phone,,es,Groceries & food',
	'Klingon Speaker,347 555 6099,Klingon,Groceries & food'
].join('\n');

// Who does what. Invited: an open groceries request and a served language (even i, not Korean), less
// the one who texted STOP.
const INVITED = [0, 2, 6, 8, 10, 12, 16, 18, 20, 22, 26, 28, 30, 32, 36, 38, 40, 42, 46];
const STOPPED = 48;
const BY_LINK = 2;
const BY_TEXT = [0, 6, 8, 10, 12, 16, 18, 20, 22];
const BOOKED = [BY_LINK, ...BY_TEXT];
const DECLINED = [26, 28];
const TOO_LATE = 30;
const AT_DOOR = [0, 2, 6, 8, 10, 12, 16, 18];
const NO_SHOWS = [20, 22];

/** The texts the fake provider was asked to send to a number, in order (files are `<ms>-<n>.json`). */
const textsTo = (number: string): SentText[] =>
	readdirSync(TEXTS_DIR)
		.sort((a, b) => Number(/-(\d+)\./.exec(a)![1]) - Number(/-(\d+)\./.exec(b)![1]))
		.map((file) => JSON.parse(readFileSync(path.join(TEXTS_DIR, file), 'utf8')) as SentText)
		.filter((text) => text.to === number);

/** A household's text to the app, as the provider posts it: a signed webhook. */
async function inbound(from: string, body: string) {
	const url = `${ORIGIN}/sms/inbound`;
	const fields = { MessageSid: `SM${from.slice(1)}${Date.now()}`, From: from, To: APP_NUMBER, Body: body };
	const response = await fetch(url, {
		method: 'POST',
		headers: {
			'content-type': 'application/x-www-form-urlencoded',
			'x-twilio-signature': twilio.getExpectedTwilioSignature(SMS_ACCOUNT.authToken, url, fields)
		},
		body: new URLSearchParams(fields)
	});
	expect(response.status).toBe(200);
}

/** New York's date and minutes past midnight at `at`. */
function newYork(at: Date) {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', {
			timeZone: 'America/New_York',
			hourCycle: 'h23',
			year: 'numeric',
			month: '2-digit',
			day: '2-digit',
			hour: '2-digit',
			minute: '2-digit'
		})
			.formatToParts(at)
			.map((part) => [part.type, part.value])
	);
	return {
		date: `${parts.year}-${parts.month}-${parts.day}`,
		minutes: Number(parts.hour) * 60 + Number(parts.minute)
	};
}

const clock = (minutes: number) =>
	`${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/**
 * When the day is, so that its reminder is due at once: tomorrow, its ten times
 * (five minutes apart) an hour or two earlier in the day than now, so all within the next 24 hours (a
 * change of the clocks included) and the reminder is the day-before one. In New York's first two hours
 * no such time exists; then the day is today, within the next hour, and the reminder is the one two
 * hours before.
 */
function schedule(now = new Date()) {
	const today = newYork(now);
	if (today.minutes >= 120) {
		const tomorrow = new Date(Date.parse(`${today.date}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10);
		return { date: tomorrow, first: clock(Math.floor((today.minutes - 120) / 5) * 5), sameDay: false };
	}
	return { date: today.date, first: clock(Math.ceil((today.minutes + 10) / 5) * 5), sameDay: true };
}

const fact = (page: Page, term: string) =>
	page.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');

test('a distribution day: import, outreach, answers, reminders, the door offline, no-shows, counts', async ({
	browser
}) => {
	test.setTimeout(180_000);
	// A rerun on the same PostgreSQL starts from an empty roster, as on a fresh database.
	await withDatabase(async (db) => {
		await db.query(`DELETE FROM distributions WHERE network_id = (SELECT id FROM networks WHERE slug = $1)`, [
			SLUG
		]);
		await db.query(`DELETE FROM households WHERE network_id = (SELECT id FROM networks WHERE slug = $1)`, [
			SLUG
		]);
	});
	const { page } = await signedInPage(browser, SWMA, 'Sol');

	// The roster, from a CSV with duplicates and bad rows.
	await page.goto(`${BASE}/households/import`);
	await page
		.getByLabel('CSV file')
		.setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(CSV) });
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(fact(page, 'New households')).toHaveText('50');
	await expect(fact(page, 'Rows with the same phone as an earlier row, joined')).toHaveText('2');
	await expect(fact(page, 'Rows that cannot be imported')).toHaveText('2');
	await page.getByRole('button', { name: 'Import', exact: true }).click();
	await expect(page).toHaveURL(`${BASE}/households`);
	await expect(page.getByRole('status')).toHaveText(
		'Imported: every row the preview could import is on the roster.'
	);
	await expect(page.getByRole('row')).toHaveCount(26); // a page of 25, and the header
	await expectAccessible(page);

	// A STOP before any invitation: that household is never invited.
	await inbound(phone(STOPPED), 'STOP');

	// The day: ten appointment times, one household each, groceries on hand, four languages served.
	const when = schedule();
	await page.goto(`${BASE}/distributions`);
	await page.getByRole('link', { name: 'New distribution day' }).click();
	await expectAccessible(page);
	await page.getByLabel('Date', { exact: true }).fill(when.date);
	await page.getByLabel('Place', { exact: true }).fill(PLACE);
	await page.getByLabel('First appointment time').fill(when.first);
	await page.getByLabel('Minutes between appointment times').fill('5');
	await page.getByLabel('Number of appointment times').fill('10');
	await page.getByLabel('Households per appointment time').fill('1');
	for (const language of ['Español', '中文', 'Kreyòl ayisyen'])
		await page.getByRole('checkbox', { name: language }).check();
	await page.getByLabel('Groceries & food').fill('40');
	await page.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByRole('status')).toHaveText('Distribution day saved.');
	const dayPath = new URL(page.url()).pathname;
	expect(dayPath).toMatch(new RegExp(`^${BASE}/distributions/\\d+$`));

	// Outreach: who would be texted, then the texts, each in the household's language.
	await page.getByRole('link', { name: 'Outreach' }).click();
	await expect(page.getByRole('heading', { name: `Households to invite: ${INVITED.length}` })).toBeVisible();
	await expect(page.getByRole('list', { name: 'Who would be texted' }).getByRole('listitem')).toHaveText(
		INVITED.map(name).sort()
	);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Start texting' }).click();
	await expect(page.getByRole('status')).toHaveText('Texting has started.');
	await expect
		.poll(() => INVITED.filter((i) => textsTo(phone(i)).length === 1).length, { timeout: 20_000 })
		.toBe(INVITED.length);
	const invitation = (i: number) => textsTo(phone(i))[0]!.body;
	expect(invitation(0)).toMatch(/^¡Hola Rosa! /);
	expect(invitation(6)).toMatch(/^Mei您好！/);
	expect(invitation(BY_LINK)).toMatch(/^Hi Grace! /);
	expect(invitation(8)).toMatch(/^Bonjou Jean! /);
	expect(textsTo(phone(STOPPED)).filter((text) => text.body.includes('/i/'))).toEqual([]);
	await page.getByRole('link', { name: 'Refresh progress' }).click();
	await expect(page.getByText(`Texted ${INVITED.length} of ${INVITED.length}`)).toBeVisible();

	// Answers: one household by its link, the rest by text; the eleventh "1" finds every time taken.
	const link = /https?:\/\/\S+\/i\/[\w-]+/.exec(invitation(BY_LINK))![0];
	expect(new URL(link).origin).toBe(ORIGIN);
	const household = await browser.newContext({ viewport: { width: 360, height: 740 } });
	const answer = await household.newPage();
	await answer.goto(link);
	await expectAccessible(answer);
	await answer.getByRole('button', { name: "I'll come" }).click();
	await expect(answer.getByText(/^You are booked for \d{1,2}:\d\d/)).toBeVisible();
	await household.close();
	for (const i of BY_TEXT) await inbound(phone(i), '1');
	for (const i of DECLINED) await inbound(phone(i), '2');
	await inbound(phone(TOO_LATE), '1');
	await expect
		.poll(() => BOOKED.filter((i) => textsTo(phone(i)).length >= 2).length, { timeout: 20_000 })
		.toBe(BOOKED.length);
	expect(textsTo(phone(0))[1]!.body).toMatch(/^Reservado: /);
	await expect.poll(() => textsTo(phone(TOO_LATE)).length, { timeout: 20_000 }).toBe(2);
	expect(textsTo(phone(TOO_LATE))[1]!.body).toMatch(/^Lo sentimos, no quedan horas/);

	// The reminder is a scheduled job, which each instance runs once a minute and once five seconds after
	// it starts: a second instance on the same database runs it soon after it is up (meanwhile the
	// coordinator looks at the answers) rather than within the minute, and each booked household is
	// reminded once, however many instances run it.
	const starting = startBuiltApp('.data/e2e-distribution-jobs', {
		DATABASE_URL: databaseUrl(),
		DB_POOL_SIZE: '2',
		AUTH_SECRET: 'e2e-only-secret-not-for-production-use-000000',
		SMTP_URL: `smtp://127.0.0.1:${SMTP_PORT}`,
		SMS_URL,
		MAIL_POLL_MS: '500',
		LOG_LEVEL: 'warn'
	});
	const count = (status: string) => page.locator(`dd[data-status="${status}"]`);
	try {
		await page.goto(dayPath);
		await expect(count('CONFIRMED')).toHaveText(String(BOOKED.length));
		await expect(count('DECLINED')).toHaveText(String(DECLINED.length));
		await expect(count('INVITED')).toHaveText(String(INVITED.length - BOOKED.length - DECLINED.length));
		await expect(
			page.getByRole('table', { name: 'Appointment times' }).locator('tbody td:nth-child(2)')
		).toHaveText(Array(10).fill('1'));
		await expectAccessible(page);
		await starting;
		await expect
			.poll(() => BOOKED.filter((i) => textsTo(phone(i)).length === 3).length, { timeout: 20_000 })
			.toBe(BOOKED.length);
	} finally {
		await (await starting).stop();
	}
	const reminder = textsTo(phone(BY_LINK))[2]!.body;
	expect(reminder).toMatch(when.sameDay ? /^See you today at / : /^Reminder: tomorrow at /);
	expect(reminder).toContain(PLACE);
	for (const i of BOOKED) expect(textsTo(phone(i)), name(i)).toHaveLength(3);

	// Another network's moderator: a 404 on every page and action of the roster, the day and the door.
	const ids = await withDatabase(async (db) => {
		const { rows } = await db.query<{ household: number; request: number }>(
			`SELECT h.id AS household, r.id AS request FROM households h JOIN household_requests r ON r.household_id = h.id
			  WHERE h.phone = $1 AND r.category = 'GROCERIES'`,
			[phone(20)]
		);
		return rows[0]!;
	});
	const outsider = await signedInPage(
		browser,
		{ network: 'astoria-mutual-aid-network', role: 'MODERATOR' },
		'Otto'
	);
	const householdPath = `${BASE}/households/${ids.household}`;
	for (const where of [
		`${BASE}/households`,
		householdPath,
		`${BASE}/households/import`,
		`${BASE}/households/new`,
		`${BASE}/households/settings`,
		`${BASE}/households/export.csv`,
		`${BASE}/distributions`,
		`${BASE}/distributions/new`,
		dayPath,
		`${dayPath}/edit`,
		`${dayPath}/outreach`,
		`${dayPath}/check-in`,
		`${dayPath}/check-in?q=${phone(20).slice(-4)}`,
		`${BASE}/counts.csv`
	]) {
		expect((await outsider.page.request.get(where)).status(), where).toBe(404);
	}
	const form = { op: 'outsider-0001', kind: 'check-in', household: String(ids.household) };
	for (const [where, fields] of [
		[`${householdPath}?/deliver`, { request: String(ids.request) }],
		[`${householdPath}?/open`, { category: 'MEALS' }],
		[`${householdPath}?/edit`, { name: 'Taken', phone: phone(20), languages: 'en' }],
		[`${householdPath}?/merge`, { phone: phone(22) }],
		[`${BASE}/households/import?/preview`, { csv: CSV }],
		[`${BASE}/households/import?/import`, { csv: CSV }],
		[`${BASE}/households/new`, { name: 'Planted', phone: '+13475556098', languages: 'en' }],
		[`${BASE}/households/settings`, { GROCERIES: '1' }],
		[`${BASE}/distributions/new`, { date: when.date, place: 'Elsewhere' }],
		[`${dayPath}/edit`, { date: when.date, place: 'Elsewhere' }],
		[`${dayPath}?/close`, {}],
		[`${dayPath}/outreach?/start`, { template_en: 'Come to ours instead' }],
		[`${dayPath}/outreach?/stop`, { run: '1' }],
		[`${dayPath}/check-in?/apply`, form],
		[`${dayPath}/check-in?/apply`, { ...form, kind: 'deliver', request: String(ids.request) }]
	] as const) {
		const response = await outsider.page.request.post(where, { form: fields, headers: { origin: ORIGIN } });
		expect(response.status(), where).toBe(404);
	}
	await outsider.context.close();

	// The door, on a volunteer's phone. Each household is found by the last four digits of its number,
	// checked in and handed its groceries. The reply to the fourth's check-in is lost on the way back
	// (the server has it, the phone does not know), then the connection drops for the next four and
	// comes back. The last is handed its groceries without a tap on "Check in": that checks it in too.
	const door = await signedInPage(browser, SWMA, 'Vic', {
		viewport: { width: 360, height: 740 },
		isMobile: true,
		hasTouch: true
	});
	await door.page.goto(`${dayPath}/check-in`);
	const saved = door.page.getByRole('status');
	await expect(saved).toHaveText('Every change is saved.');
	await expect(door.page.locator('li[data-household]')).toHaveCount(BOOKED.length);
	await expectAccessible(door.page);
	const last = AT_DOOR.at(-1)!;
	const serve = async (i: number) => {
		await door.page.getByLabel('Last 4 digits of the phone, or a name').fill(phone(i).slice(-4));
		await expect(door.page.locator('li[data-household]')).toHaveCount(1);
		if (i !== last) await door.page.getByRole('button', { name: `Check in: ${name(i)}` }).click();
		await door.page.getByRole('button', { name: `Delivered: Groceries & food, ${name(i)}` }).click();
		await expect(door.page.locator('li[data-household]').getByText('Checked in')).toBeVisible();
	};
	for (const i of AT_DOOR.slice(0, 3)) await serve(i);
	await expect(saved).toHaveText('Every change is saved.');
	await door.page.route(
		(url) => url.search === '?/apply',
		async (route) => {
			await route.fetch();
			await route.abort('connectionreset');
		},
		{ times: 1 }
	);
	await serve(AT_DOOR[3]!);
	// Sent again with the next change, or by the page's retry every five seconds.
	await expect(saved).toHaveText('Every change is saved.', { timeout: 10_000 });
	await door.context.setOffline(true);
	for (const i of AT_DOOR.slice(4)) await serve(i);
	await expect(saved).toHaveText(
		'Changes waiting to be sent: 7. They are kept on this phone and sent when the connection returns.'
	);
	await door.context.setOffline(false);
	await expect(saved).toHaveText('Every change is saved.');

	// Every change counted once: eight households in, each handed its groceries once.
	const counted = await withDatabase(async (db) => {
		const { rows } = await db.query<{ phone: string; delivered: number; operations: number }>(
			`SELECT h.phone,
			        (SELECT count(*)::int FROM household_request_events e JOIN household_requests r ON r.id = e.request_id
			          WHERE r.household_id = h.id AND e.kind = 'delivered' AND e.distribution_id = i.distribution_id) AS delivered,
			        (SELECT count(*)::int FROM check_in_operations o
			          WHERE o.household_id = h.id AND o.distribution_id = i.distribution_id) AS operations
			   FROM invitations i JOIN households h ON h.id = i.household_id
			  WHERE i.distribution_id = $1 AND i.status = 'CHECKED_IN' ORDER BY h.phone`,
			[Number(dayPath.split('/').at(-1))]
		);
		return rows;
	});
	expect(counted).toEqual(
		[...AT_DOOR]
			.sort((a, b) => a - b)
			.map((i) => ({ phone: phone(i), delivered: 1, operations: i === last ? 1 : 2 }))
	);
	await door.context.close();

	// The end of the day: the two who booked and did not come are no-shows.
	await page.goto(dayPath);
	await page.getByRole('button', { name: 'End the day' }).click();
	await expect(page.getByRole('heading', { name: /^End the day of / })).toBeVisible();
	await page.getByRole('button', { name: 'End the day' }).click();
	await expect(page.getByRole('status')).toHaveText(
		'Day ended: households that booked and did not come are marked as no-shows.'
	);
	await expect(count('CHECKED_IN')).toHaveText(String(AT_DOOR.length));
	await expect(count('NO_SHOW')).toHaveText(String(NO_SHOWS.length));
	await expect(count('CONFIRMED')).toHaveText('0');
	await expect(count('DECLINED')).toHaveText(String(DECLINED.length));
	await expect(count('INVITED')).toHaveText('7');

	// The counts, without a name or a number.
	await page.goto(`${BASE}/dashboard`);
	await expect(page.locator('dd[data-attendance]')).toHaveText('80% (8 of 10, over 1 ended days)');
	await expect(fact(page, 'Households served').first()).toHaveText('8');
	const counts = await (await page.request.get(`${BASE}/counts.csv`)).text();
	expect(counts.split('\r\n')).toEqual(
		expect.arrayContaining([
			'households_served,,,8',
			'distribution_days_ended,,,1',
			'distribution_households_booked,,,10',
			'distribution_households_came,,,8',
			'distribution_attendance_rate,,,0.800'
		])
	);
	expect(counts).not.toContain('Rosa');
});
