import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, notYetDue, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { queueMail, queuePush, queueText } from '../mail/outbox.ts';
import { exportUserData, REPLY_COLUMNS_LEFT_OUT, USER_COLUMNS_LEFT_OUT, USER_RELATIONS } from './export.ts';

let db: Database;
const RUN = `x${Date.now().toString(36)}`;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

let counter = 0;
const person = (name: string) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name } });

async function post(
	authorId: string,
	title: string,
	extra: { status?: 'HIDDEN'; intakeName?: string; intakeContact?: string } = {}
) {
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } });
	const neighborhood = await db.neighborhood.findFirstOrThrow({ where: { ntaType: 'RESIDENTIAL' } });
	const later = new Date(Date.now() + 7 * 864e5);
	return db.post.create({
		data: {
			kind: 'NEED',
			title,
			details: `${title} details`,
			category: 'MEALS',
			timeWindow: 'THIS_WEEK',
			dueAt: later,
			expiresAt: later,
			authorId,
			networkId: network.id,
			neighborhoodId: neighborhood.id,
			...extra
		}
	});
}

it('exports every row stored about the person and nothing written by anyone else', async () => {
	const rosa = await person('Rosa');
	const other = await person('Other');
	const admin = await person('Admin');
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } });
	await db.user.update({ where: { id: rosa.id }, data: { phone: '718 555 0100', uiLocale: 'es' } });

	const mine = await post(rosa.id, `Rosa open ${RUN}`);
	const hidden = await post(rosa.id, `Rosa hidden ${RUN}`, { status: 'HIDDEN' });
	const intake = await post(rosa.id, `Rosa intake ${RUN}`, {
		intakeName: `Neighbor Name ${RUN}`,
		intakeContact: `neighbor-${RUN}@example.org`
	});
	const theirs = await post(other.id, `Other post ${RUN}`);
	// A network offered a place on its household list; she said no thanks.
	const answeredAt = new Date();
	await db.takeInOffer.create({
		data: { postId: mine.id, networkId: network.id, answeredAt, accepted: false }
	});
	const claim = await db.claim.create({ data: { postId: theirs.id, claimantId: rosa.id, note: 'I can' } });
	const othersClaim = await db.claim.create({
		data: { postId: mine.id, claimantId: other.id, note: `Other's private note ${RUN}` }
	});
	await db.message.create({ data: { claimId: claim.id, senderId: rosa.id, body: `Rosa says ${RUN}` } });
	await db.message.create({ data: { claimId: claim.id, senderId: other.id, body: `Other says ${RUN}` } });
	await db.message.create({
		data: { claimId: othersClaim.id, senderId: rosa.id, body: `Rosa again ${RUN}` }
	});
	await db.report.create({
		data: { postId: theirs.id, reporterId: rosa.id, reason: 'SCAM', note: `Rosa reports ${RUN}` }
	});
	await db.report.create({
		data: { postId: mine.id, reporterId: other.id, reason: 'SPAM', note: `Other reports ${RUN}` }
	});
	await db.networkMembership.create({
		data: { userId: rosa.id, networkId: network.id, role: 'MODERATOR', grantedById: admin.id }
	});
	await db.networkMembership.create({
		data: { userId: other.id, networkId: network.id, role: 'MODERATOR', grantedById: rosa.id }
	});
	await db.networkSuspension.create({ data: { userId: rosa.id, networkId: network.id, reason: 'Test' } });
	await db.moderationLogEntry.create({
		data: { networkId: network.id, actorId: rosa.id, action: 'lock', postId: theirs.id }
	});
	await db.organizerRequest.create({
		data: { networkId: network.id, userId: rosa.id, role: 'Coordinator', verification: 'Call us' }
	});
	await db.session.create({
		data: { sessionToken: `secret-session-${RUN}`, userId: rosa.id, expires: new Date(Date.now() + 1e6) }
	});
	await db.account.create({
		data: {
			userId: rosa.id,
			type: 'oauth',
			provider: 'example',
			providerAccountId: `acct-${RUN}`,
			access_token: `secret-access-${RUN}`
		}
	});
	await queueMail(db, { to: rosa.email!, subject: `Hello Rosa ${RUN}`, text: 'Hi' });
	const rosaNumber = '+17185550171';
	const otherNumber = '+13475550172';
	// sms_number is unique in the shared test database: an earlier run's Rosa lets go of it.
	await db.user.updateMany({ where: { smsNumber: rosaNumber }, data: { smsNumber: null } });
	await db.user.update({ where: { id: rosa.id }, data: { smsNumber: rosaNumber, notifyBy: 'SMS' } });
	await queueText(db, { to: rosaNumber, text: `Text to Rosa ${RUN}` });
	await queueText(db, { to: otherNumber, text: `Text to someone else ${RUN}` });
	await db.phoneCode.create({
		data: {
			number: otherNumber,
			userId: rosa.id,
			codeHash: `secret-code-${RUN}`,
			linkHash: `secret-link-${RUN}`,
			expires: new Date(Date.now() + 6e5)
		}
	});

	// A phone with notifications on, one notice pushed to it; someone else's device and notice.
	const phone = await db.pushSubscription.create({
		data: {
			userId: rosa.id,
			endpoint: `https://push.example/send/${RUN}-phone`,
			p256dh: `secret-p256dh-${RUN}`,
			auth: `secret-auth-${RUN}`
		}
	});
	const otherPhone = await db.pushSubscription.create({
		data: { userId: other.id, endpoint: `https://push.example/other-${RUN}`, p256dh: 'k', auth: 'a' }
	});
	// Queued and put out of the delivery's reach at once: push.test delivers every due notice in the
	// shared database while this runs, and these endpoints lead nowhere.
	await db.$transaction(async (tx) => {
		await queuePush(tx, phone.id, {
			title: 'Each Other',
			body: `Push to Rosa ${RUN}`,
			url: 'https://each.test/claims/1'
		});
		await queuePush(tx, otherPhone.id, {
			title: 'Each Other',
			body: `Push to someone else ${RUN}`,
			url: 'https://each.test/'
		});
		await notYetDue(tx, [phone.id, otherPhone.id]);
	});

	const data = await exportUserData(rosa.id);
	const text = JSON.stringify(data);

	expect(data.account).toMatchObject({
		id: rosa.id,
		email: rosa.email,
		phone: '718 555 0100',
		uiLocale: 'es'
	});
	const postIds = (await db.post.findMany({ where: { authorId: rosa.id }, orderBy: { id: 'asc' } })).map(
		(p) => p.id
	);
	expect(data.posts.map((p) => p.id)).toEqual(postIds);
	expect(postIds).toEqual([mine.id, hidden.id, intake.id]);
	expect(data.posts.find((p) => p.id === hidden.id)).toMatchObject({
		status: 'HIDDEN',
		details: hidden.details
	});
	expect(data.posts.find((p) => p.id === intake.id)).toMatchObject({ intakePost: true });
	expect(data.posts.find((p) => p.id === mine.id)).toMatchObject({
		intakePost: false,
		takeInOffer: { answeredAt, accepted: false, network: { name: network.name, slug: network.slug } }
	});
	expect(data.posts.find((p) => p.id === hidden.id)).toMatchObject({ takeInOffer: null });
	expect(data.replies).toEqual([
		expect.objectContaining({
			id: claim.id,
			status: 'PENDING',
			doneBy: null,
			declinedFull: false,
			post: { id: theirs.id, title: theirs.title }
		})
	]);
	const sent = await db.message.findMany({ where: { senderId: rosa.id }, orderBy: { id: 'asc' } });
	expect(data.messages.map((m) => [m.id, m.claimId, m.body])).toEqual(
		sent.map((m) => [m.id, m.claimId, m.body])
	);
	expect(data.reports.map((r) => [r.reason, r.note])).toEqual([['SCAM', `Rosa reports ${RUN}`]]);
	expect(data.networkRoles).toEqual([
		expect.objectContaining({ role: 'MODERATOR', network: { name: network.name, slug: network.slug } })
	]);
	expect(data.rolesGranted).toHaveLength(1);
	expect(data.suspensions).toHaveLength(1);
	expect(data.moderationActions.map((e) => e.action)).toEqual(['lock']);
	expect(data.organizerRequests.map((r) => r.role)).toEqual(['Coordinator']);
	expect(data.sessions).toHaveLength(1);
	expect(data.signInMethods).toEqual([{ provider: 'example', type: 'oauth' }]);
	expect(data.mail.map((m) => m.subject)).toEqual([`Hello Rosa ${RUN}`]);
	expect(data.account).toMatchObject({ smsNumber: rosaNumber, notifyBy: 'SMS' });
	expect(data.texts.map((t) => t.text)).toEqual([`Text to Rosa ${RUN}`]);
	// The number she is verifying is hers to see; the code's hashes are not.
	expect(data.phoneCodes).toEqual([expect.objectContaining({ number: otherNumber })]);
	expect(data.notificationDevices).toEqual([{ pushService: 'push.example', createdAt: phone.createdAt }]);
	expect(data.notifications.map((n) => n.body)).toEqual([`Push to Rosa ${RUN}`]);

	// Nothing another person wrote or owns, and no secrets.
	for (const foreign of [
		`Other says ${RUN}`,
		`Other's private note ${RUN}`,
		`Other reports ${RUN}`,
		`Neighbor Name ${RUN}`,
		`neighbor-${RUN}`,
		other.email!,
		admin.email!,
		other.id,
		admin.id,
		`secret-session-${RUN}`,
		`secret-access-${RUN}`,
		`secret-code-${RUN}`,
		`secret-link-${RUN}`,
		`Text to someone else ${RUN}`,
		`Push to someone else ${RUN}`,
		// Whoever holds a device's endpoint and keys can push to it.
		`send/${RUN}`,
		`secret-p256dh-${RUN}`,
		`secret-auth-${RUN}`
	]) {
		expect(text).not.toContain(foreign);
	}
});

const schema = readFileSync(new URL('../../../../prisma/schema.prisma', import.meta.url), 'utf8');
const models = new Set([...schema.matchAll(/^model (\w+) \{/gm)].map((m) => m[1]));
/** [field, is a relation] for each field of a model in the schema. */
function fieldsOf(model: string) {
	const body = new RegExp(`^model ${model} \\{([\\s\\S]*?)^\\}`, 'm').exec(schema)![1]!;
	return [...body.matchAll(/^\s+(\w+)\s+(\w+)(\[\])?\??/gm)].map(
		([, field, type]) => [field!, models.has(type)] as const
	);
}
const relationsOf = (model: string) =>
	fieldsOf(model)
		.filter(([, relation]) => relation)
		.map(([f]) => f);
const columnsOf = (model: string) =>
	fieldsOf(model)
		.filter(([, relation]) => !relation)
		.map(([f]) => f);

it('covers every relation of User in the schema', () => {
	const relations = relationsOf('User');
	expect(relations.length).toBeGreaterThan(5);
	expect(relations.sort()).toEqual(Object.keys(USER_RELATIONS).sort());
});

it('exports every column of the account and of the person’s replies, or says why not', async () => {
	const someone = await person('Columns');
	const other = await person('Poster');
	const { id: postId } = await post(other.id, `Columns ${RUN}`);
	await db.claim.create({ data: { postId, claimantId: someone.id, note: 'I can' } });
	const data = await exportUserData(someone.id);
	const account = Object.keys(data.account);
	for (const column of columnsOf('User'))
		expect(account.includes(column) || column in USER_COLUMNS_LEFT_OUT, `User.${column}`).toBe(true);
	const reply = Object.keys(data.replies[0]!);
	for (const column of columnsOf('Claim'))
		expect(reply.includes(column) || column in REPLY_COLUMNS_LEFT_OUT, `Claim.${column}`).toBe(true);
});

it('names an export key for each relation that the export really has', async () => {
	const someone = await person('Keys');
	const data = await exportUserData(someone.id);
	for (const key of Object.values(USER_RELATIONS)) expect(data).toHaveProperty(key);
});
