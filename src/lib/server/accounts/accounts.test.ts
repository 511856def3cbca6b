import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
	disconnectDatabase,
	notYetDue,
	testDatabaseUrl,
	useTestDatabase
} from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as adminPage from '../../../routes/admin/+page.server.ts';
import type { Database } from '../db/index.ts';
import { dateInNewYork } from '../calendar.ts';
import { acceptClaim, createClaim } from '../claims/lifecycle.ts';
import { acceptStanding, takeStanding } from '../claims/standing.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { createPost } from '../posts/index.ts';
import { addDays } from '../posts/recurrence.ts';
import { extendSeries } from '../posts/series.ts';
import { queueMail, queuePush, queueText } from '../mail/outbox.ts';
import { loadCurrentUser } from './actor.ts';
import { deleteAccount } from './deletion.ts';
import { getProfile, parseProfileForm, saveProfile, UnknownNeighborhoodError } from './profile.ts';
import { findPersonByEmail, grantNetworkRole, personWithRoles, revokeNetworkRole } from './roles.ts';

let db: Database;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const ORIGIN = 'https://each.test';
let counter = 0;
async function makeUser(overrides: Partial<{ email: string; name: string; phone: string }> = {}) {
	counter++;
	return db.user.create({
		data: {
			email: overrides.email ?? `person${counter}-${Date.now()}@example.org`,
			name: overrides.name ?? `Person ${counter}`,
			phone: overrides.phone ?? null,
			emailVerified: new Date()
		}
	});
}

describe('profile', () => {
	it('saves a valid profile and marks it complete', async () => {
		const user = await makeUser();
		expect((await loadCurrentUser(user.id))?.profileComplete).toBe(false);
		const parsed = parseProfileForm(
			form({
				name: '  Rosa  ',
				homeNeighborhood: 'bushwick-west',
				languages: ['es', 'en'],
				uiLocale: 'es',
				phone: ''
			})
		);
		expect(parsed.success).toBe(true);
		await saveProfile(user.id, parsed.data!);
		expect(await getProfile(user.id)).toEqual({
			name: 'Rosa',
			email: user.email,
			phone: '',
			languages: ['es', 'en'],
			uiLocale: 'es',
			homeNeighborhood: 'bushwick-west',
			shareContact: false,
			networkPostMail: true,
			awayThrough: null,
			smsNumber: null,
			notifyBy: 'MAIL'
		});
		expect((await loadCurrentUser(user.id))?.profileComplete).toBe(true);
	});

	it.each([
		[{ name: '' }, 'name', 'profile_error_name_required'],
		[{ name: 'x'.repeat(61) }, 'name', 'profile_error_name_too_long'],
		[{ phone: 'call me maybe' }, 'phone', 'profile_error_phone_invalid']
	])('rejects %o with a message for %s', (fields, field, message) => {
		const parsed = parseProfileForm(form({ name: 'Rosa', uiLocale: 'en', ...fields }));
		expect(parsed.success).toBe(false);
		expect(parsed.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
	});

	it('refuses a neighborhood that takes no posts', async () => {
		const user = await makeUser();
		const parsed = parseProfileForm(
			form({ name: 'Rosa', uiLocale: 'en', homeNeighborhood: 'prospect-park' })
		);
		await expect(saveProfile(user.id, parsed.data!)).rejects.toBeInstanceOf(UnknownNeighborhoodError);
	});
});

const asAdmin = (user: { id: string }) => ({ id: user.id, isAdmin: true, memberships: [] });

describe('network roles', () => {
	it('refuses a role to a deleted account, through the admin page’s action too', async () => {
		const admin = await makeUser();
		await db.user.update({ where: { id: admin.id }, data: { isAdmin: true } });
		const gone = await makeUser();
		await db.user.update({ where: { id: gone.id }, data: { deletedAt: new Date(), email: null } });
		const network = await db.network.findUniqueOrThrow({ where: { slug: 'astoria-mutual-aid-network' } });

		expect(await grantNetworkRole(asAdmin(admin), gone.id, network.id, 'MODERATOR', ORIGIN)).toBe(false);
		const outcome = await call(
			adminPage.actions.grant,
			await requestEvent({
				path: '/admin?/grant',
				userId: admin.id,
				body: form({ userId: gone.id, networkId: String(network.id), role: 'ORGANIZER' })
			})
		);
		expect(outcome).toMatchObject({ kind: 'fail', status: 400 });
		expect(await db.networkMembership.count({ where: { userId: gone.id } })).toBe(0);
	});

	it('grants, changes and revokes a role', async () => {
		const admin = await makeUser();
		const user = await makeUser();
		const network = await db.network.findUniqueOrThrow({ where: { slug: 'astoria-mutual-aid-network' } });
		await grantNetworkRole(asAdmin(admin), user.id, network.id, 'MODERATOR', ORIGIN);
		await grantNetworkRole(asAdmin(admin), user.id, network.id, 'ORGANIZER', ORIGIN);
		expect((await loadCurrentUser(user.id))?.memberships).toEqual([
			{ networkId: network.id, role: 'ORGANIZER' }
		]);
		const found = await findPersonByEmail(user.email!.toUpperCase());
		expect(found?.id).toBe(user.id);
		expect(found?.memberships.map((m) => [m.role, m.network.slug])).toEqual([
			['ORGANIZER', 'astoria-mutual-aid-network']
		]);
		await revokeNetworkRole(user.id, network.id);
		expect((await loadCurrentUser(user.id))?.memberships).toEqual([]);
		expect((await personWithRoles(user.id))?.memberships).toEqual([]);
	});

	it('finds a person by their whole address only, never a deleted account', async () => {
		const user = await makeUser();
		const email = user.email!;
		expect((await findPersonByEmail(email))?.id).toBe(user.id);
		expect(await findPersonByEmail(email.slice(0, -1))).toBeNull();
		expect(await findPersonByEmail(email.slice(1))).toBeNull();
		// Pattern characters are matched as themselves, so no search finds people it does not name.
		expect(await findPersonByEmail(email.replace('@', '%@'))).toBeNull();
		expect(await findPersonByEmail(`_${email.slice(1)}`)).toBeNull();
		await db.user.update({ where: { id: user.id }, data: { deletedAt: new Date() } });
		expect(await findPersonByEmail(email)).toBeNull();
		expect(await personWithRoles(user.id)).toBeNull();
	});
});

describe('admin grants a moderator', () => {
	it('mails the new moderator once, in their language, with a link to start', async () => {
		const admin = await makeUser();
		const user = await makeUser();
		await db.user.update({ where: { id: user.id }, data: { uiLocale: 'es' } });
		const network = await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } });
		const mails = () => db.outboxMessage.findMany({ where: { toAddress: user.email! } });

		await grantNetworkRole(asAdmin(admin), user.id, network.id, 'MODERATOR', ORIGIN);
		expect(await mails()).toEqual([
			expect.objectContaining({
				subject: 'Te invitan a moderar LIC Relief en Each Other',
				text: expect.stringContaining(`${ORIGIN}/signin?next=/moderate`)
			})
		]);

		// Already a moderator, or made organizer: not newly a moderator, so no second mail.
		await grantNetworkRole(asAdmin(admin), user.id, network.id, 'MODERATOR', ORIGIN);
		await grantNetworkRole(asAdmin(admin), user.id, network.id, 'ORGANIZER', ORIGIN);
		expect(await mails()).toHaveLength(1);
	});
});

describe('deleteAccount', () => {
	it('leaves no trace of the email, name or phone in any table', async () => {
		const email = `erase-me-${Date.now()}@example.org`;
		const name = `Zebulon Quarterstaff ${Date.now()}`;
		const phone = '+1 347 555 0199';
		const user = await makeUser({ email, name, phone });
		// When someone will be back is theirs too.
		await db.user.update({ where: { id: user.id }, data: { awayUntil: new Date(Date.now() + 864e5) } });
		const network = await db.network.findFirstOrThrow();
		await db.session.create({
			data: { sessionToken: `tok-${user.id}`, userId: user.id, expires: new Date(Date.now() + 1e6) }
		});
		await db.verificationToken.create({
			data: { identifier: email, token: 'hashed', expires: new Date(Date.now() + 1e6) }
		});
		await queueMail(db, { to: email, subject: 'Your link', text: `Hello ${name}` });
		await grantNetworkRole(asAdmin(user), user.id, network.id, 'MODERATOR', ORIGIN);
		// The number they sign in and are texted with, a text queued to it, and a code for it.
		const smsNumber = '+13475550188';
		await db.user.updateMany({ where: { smsNumber }, data: { smsNumber: null } });
		await db.user.update({ where: { id: user.id }, data: { smsNumber, notifyBy: 'SMS' } });
		await queueText(db, { to: smsNumber, text: `Hello ${name}` });
		await db.phoneCode.create({
			data: { number: smsNumber, codeHash: 'h', linkHash: 'h', expires: new Date(Date.now() + 6e5) }
		});
		await db.phoneCode.create({
			data: {
				number: '+13475550189',
				userId: user.id,
				codeHash: 'h',
				linkHash: 'h',
				expires: new Date(Date.now() + 6e5)
			}
		});

		await db.smsPrompt.create({ data: { number: smsNumber, kind: 'thread', userId: user.id } });
		// A device with notifications on, and a notice queued to it that names them.
		const endpoint = `https://push.example/erase-${user.id}`;
		const device = await db.pushSubscription.create({
			data: { userId: user.id, endpoint, p256dh: 'p256dh-key', auth: 'auth-secret' }
		});
		await db.$transaction(async (tx) => {
			await queuePush(tx, device.id, { title: 'Each Other', body: `Hello ${name}`, url: endpoint });
			await notYetDue(tx, [device.id]);
		});

		await deleteAccount(user.id, ORIGIN);

		// Search every text column of every table, so a table added later cannot escape this test.
		const client = new pg.Client({ connectionString: testDatabaseUrl() });
		await client.connect();
		try {
			const { rows: columns } = await client.query<{ table_name: string; column_name: string }>(
				`SELECT table_name, column_name FROM information_schema.columns
				  WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'ARRAY')`
			);
			expect(columns.length).toBeGreaterThan(10);
			const hits: string[] = [];
			for (const { table_name, column_name } of columns) {
				for (const needle of [email, name, phone, smsNumber, '+13475550189', endpoint]) {
					const { rows } = await client.query(
						`SELECT 1 FROM "${table_name}" WHERE "${column_name}"::text ILIKE $1 LIMIT 1`,
						[`%${needle}%`]
					);
					if (rows.length) hits.push(`${table_name}.${column_name} holds ${needle}`);
				}
			}
			expect(hits).toEqual([]);
		} finally {
			await client.end();
		}
		expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
		expect(await db.pushSubscription.count({ where: { userId: user.id } })).toBe(0);
		expect(await db.outboxMessage.count({ where: { channel: 'PUSH', toAddress: String(device.id) } })).toBe(
			0
		);
		expect(await loadCurrentUser(user.id)).toBeNull();
		expect(await db.user.findUnique({ where: { id: user.id } })).toMatchObject({
			email: null,
			awayUntil: null,
			deletedAt: expect.any(Date)
		});
	});

	it("ends the person's repeating posts, standing commitments and open replies, so nobody waits on them", async () => {
		const leaving = await makeUser();
		const poster = await makeUser();
		const post = async (authorId: string, fields: Record<string, string>) => {
			const data = new FormData();
			const base = { kind: 'NEED', title: 'Groceries every week', category: 'GROCERIES' };
			for (const [key, value] of Object.entries({
				...base,
				neighborhood: 'kensington',
				timeWindow: 'THIS_WEEK',
				...fields
			}))
				data.append(key, value);
			const result = await createPost(authorId, postSchema.parse(readPostForm(data)));
			if (!result.ok) throw new Error(JSON.stringify(result));
			return db.post.findUniqueOrThrow({ where: { id: result.id }, select: { id: true, seriesId: true } });
		};
		const weekly = { repeat: 'WEEKLY', repeatStart: addDays(dateInNewYork(new Date()), 1), repeatCount: '8' };
		const own = (await post(leaving.id, weekly)).seriesId!;
		const theirs = (await post(poster.id, weekly)).seriesId!;
		await takeStanding(theirs, leaving.id, 'Every week, happily', ORIGIN);
		await acceptStanding(theirs, ORIGIN);
		const single = await post(poster.id, {});
		const reply = await createClaim(single.id, leaving.id, 'I can help', ORIGIN);
		const accepted = await post(poster.id, { title: 'A ride to the clinic' });
		await acceptClaim(await createClaim(accepted.id, leaving.id, 'I drive', ORIGIN), ORIGIN);

		await deleteAccount(leaving.id, ORIGIN);

		// Their own series makes no more occurrences, however far the job runs.
		expect((await db.postSeries.findUniqueOrThrow({ where: { id: own } })).endedAt).toEqual(expect.any(Date));
		const made = await db.post.count({ where: { seriesId: own } });
		await extendSeries(ORIGIN, new Date(Date.now() + 120 * 864e5));
		expect(await db.post.count({ where: { seriesId: own } })).toBe(made);
		expect(await db.post.count({ where: { seriesId: own, status: 'OPEN' } })).toBe(0);
		// The commitment they made is gone, and every date they held is open to someone else.
		expect(await db.postSeries.findUniqueOrThrow({ where: { id: theirs } })).toMatchObject({
			standingClaimantId: null,
			standingNote: null,
			standingAcceptedAt: null
		});
		const dates = await db.post.findMany({ where: { seriesId: theirs }, select: { status: true } });
		expect(dates.length).toBeGreaterThan(0);
		expect(dates.every(({ status }) => status === 'OPEN')).toBe(true);
		// Their replies end: the pending one withdrawn, the accepted one released and its post open again.
		expect(
			await db.claim.count({ where: { claimantId: leaving.id, status: { in: ['PENDING', 'ACCEPTED'] } } })
		).toBe(0);
		expect((await db.claim.findUniqueOrThrow({ where: { id: reply } })).status).toBe('WITHDRAWN');
		expect((await db.post.findUniqueOrThrow({ where: { id: accepted.id } })).status).toBe('OPEN');
	});
});
