// Answers by text to the questions texts ask, through the signed inbound webhook: "still needed?"
// renews or closes the post, "did this happen?" completes or lets go of the claim, and a reply to a
// new-message text joins the claim's thread. A reply acts only for the person who was asked.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { postNeed, remindDayBefore } from '../../../../tests/support/posts.ts';
import { postWebhook, useFakeSms } from '../../../../tests/support/sms.ts';
import * as inboundRoute from '../../../routes/sms/inbound/+server.ts';
import { acceptClaim, createClaim, sendCheckIns } from '../claims/lifecycle.ts';
import { notifyUnreadMessages, sendMessage } from '../claims/threads.ts';
import type { Database } from '../db/index.ts';
import { fileIntake } from '../moderation/intake.ts';
import { postSchema, readPostForm } from '../posts/form.ts';

const ORIGIN = 'https://each.test';
const RUN = `p${Date.now().toString(36)}`;
let db: Database;
let counter = 0;
const fake = useFakeSms();
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);
beforeEach(() => db.smsPrompt.deleteMany());

async function texter(name: string) {
	const smsNumber = `+1718555${String(2000 + (++counter % 1000))}`;
	await db.user.updateMany({ where: { smsNumber }, data: { smsNumber: null } });
	return db.user.create({ data: { name, uiLocale: 'en', smsNumber, notifyBy: 'SMS' } });
}

const post = postNeed;
const reply = (from: string, body: string) =>
	postWebhook(fake.current, inboundRoute, '/sms/inbound', {
		From: from,
		To: fake.current.from,
		Body: body,
		MessageSid: `SM${++counter}`
	});

const reminder = {
	subject: () => 'Still needed?',
	body: () => 'x',
	text: ({ title }: { title: string }) => `Still needed: ${title}? Reply 1 or 2`
};
const askStillNeeded = (postId: number) => remindDayBefore(postId, reminder, ORIGIN);

describe('"still needed?" by text', () => {
	it('1 keeps the post up for another two weeks, 2 closes it', async () => {
		const poster = await texter('Keeper');
		const kept = await post(poster.id, `Soup ${RUN}`);
		await askStillNeeded(kept);
		const before = await db.post.findUniqueOrThrow({ where: { id: kept } });
		await reply(poster.smsNumber!, ' 1 ');
		const after = await db.post.findUniqueOrThrow({ where: { id: kept } });
		expect(after.status).toBe('OPEN');
		expect(after.expiresAt.getTime()).toBeGreaterThan(before.expiresAt.getTime());
		expect(after.reminderSentAt).toBeNull();
		// Answered: a second 1 changes nothing more.
		expect(await db.smsPrompt.count({ where: { number: poster.smsNumber! } })).toBe(0);

		const closed = await post(poster.id, `Bread ${RUN}`);
		await askStillNeeded(closed);
		await reply(poster.smsNumber!, '2');
		expect((await db.post.findUniqueOrThrow({ where: { id: closed } })).status).toBe('WITHDRAWN');
	});

	it('does nothing for a number that is no longer the poster’s, or a text that is not an answer', async () => {
		const poster = await texter('Mover');
		const postId = await post(poster.id, `Rice ${RUN}`);
		await askStillNeeded(postId);
		await reply(poster.smsNumber!, 'maybe');
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).status).toBe('OPEN');
		await db.user.update({ where: { id: poster.id }, data: { smsNumber: null } });
		await reply(`+1718555${String(2000 + counter)}`, '2');
		const stranger = await texter('Stranger');
		await reply(stranger.smsNumber!, '2');
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).status).toBe('OPEN');
	});
});

/** An intake post in Kensington's network, filed by a team member for a neighbor without an account. */
async function intakePost(title: string) {
	const networkId = (
		await db.network.findUniqueOrThrow({ where: { slug: 'kensington-group-for-mutual-aid' } })
	).id;
	const join = async (name: string) => {
		const member = await texter(name);
		await db.networkMembership.create({ data: { userId: member.id, networkId, role: 'MODERATOR' } });
		return member;
	};
	const filer = await join('Filer');
	const teammate = await join('Teammate');
	const form = new FormData();
	for (const [name, value] of Object.entries({
		kind: 'NEED',
		title,
		category: 'MEALS',
		neighborhood: 'kensington',
		network: String(networkId),
		timeWindow: 'THIS_WEEK'
	}))
		form.append(name, value);
	const actor = { id: filer.id, isAdmin: false, memberships: [{ networkId }] };
	const outcome = await fileIntake(actor, postSchema.parse(readPostForm(form)), {
		name: 'Rosa',
		contact: '718 555 0199'
	});
	if (!outcome.ok) throw new Error(JSON.stringify(outcome));
	return { postId: outcome.id, filer, teammate, networkId };
}

describe('answers for an intake post, which its network team answers for', () => {
	it('"still needed?": any team member texted may answer; one who left the team may not', async () => {
		const kept = await intakePost(`Groceries ${RUN}`);
		await askStillNeeded(kept.postId);
		await reply(kept.teammate.smsNumber!, '1');
		const renewed = await db.post.findUniqueOrThrow({ where: { id: kept.postId } });
		expect(renewed.reminderSentAt).toBeNull();

		const left = await intakePost(`Diapers ${RUN}`);
		await askStillNeeded(left.postId);
		await db.networkMembership.deleteMany({ where: { userId: left.filer.id } });
		await reply(left.filer.smsNumber!, '2');
		expect((await db.post.findUniqueOrThrow({ where: { id: left.postId } })).status).toBe('OPEN');
		await reply(left.teammate.smsNumber!, '2');
		expect((await db.post.findUniqueOrThrow({ where: { id: left.postId } })).status).toBe('WITHDRAWN');
	});

	it('"did this happen?": a team member answers for the neighbor, and it is in the network’s log', async () => {
		const intake = await intakePost(`Stroller ${RUN}`);
		const helper = await texter('Lender');
		const six = new Date(Date.now() - 6 * 24 * 60 * 60 * 1000);
		const claimId = await createClaim(intake.postId, helper.id, 'I have one', ORIGIN);
		await acceptClaim(claimId, ORIGIN, six, intake.filer.id);
		await sendCheckIns(ORIGIN);
		await reply(intake.teammate.smsNumber!, '1');
		expect((await db.claim.findUniqueOrThrow({ where: { id: claimId } })).status).toBe('COMPLETED');
		const log = await db.moderationLogEntry.findMany({ where: { postId: intake.postId } });
		expect(log.map((entry) => [entry.action, entry.actorId])).toContainEqual([
			'relay_complete',
			intake.teammate.id
		]);
	});
});

describe('"did this happen?" by text', () => {
	it('1 marks the help done; 2 lets it go so the post opens again', async () => {
		const poster = await texter('Needer');
		const helper = await texter('Helper');
		const six = new Date(Date.now() - 6 * 24 * 60 * 60 * 1000);

		const done = await createClaim(await post(poster.id, `Ride ${RUN}`), helper.id, 'I drive', ORIGIN);
		await acceptClaim(done, ORIGIN, six, poster.id);
		await sendCheckIns(ORIGIN);
		expect(await db.smsPrompt.findUnique({ where: { number: helper.smsNumber! } })).toMatchObject({
			kind: 'did-happen',
			claimId: done
		});
		await reply(helper.smsNumber!, '1');
		expect((await db.claim.findUniqueOrThrow({ where: { id: done } })).status).toBe('COMPLETED');

		const released = await createClaim(await post(poster.id, `Walk ${RUN}`), helper.id, 'Me', ORIGIN);
		await acceptClaim(released, ORIGIN, six, poster.id);
		await sendCheckIns(ORIGIN);
		await reply(helper.smsNumber!, '2');
		expect((await db.claim.findUniqueOrThrow({ where: { id: released } })).status).toBe('RELEASED');
	});
});

describe('replying to a new-message text', () => {
	it('adds the reply to the claim’s private thread, from the person who was texted', async () => {
		const poster = await texter('Asker');
		const helper = await texter('Answerer');
		const claimId = await createClaim(
			await post(poster.id, `Shelf ${RUN}`),
			helper.id,
			'I have tools',
			ORIGIN
		);
		await acceptClaim(claimId, ORIGIN, new Date(), poster.id);
		await sendMessage(claimId, helper.id, 'When suits you?');
		await notifyUnreadMessages(ORIGIN, new Date(Date.now() + 60 * 60 * 1000));
		await reply(poster.smsNumber!, 'Saturday at 10 works');
		const thread = await db.message.findMany({ where: { claimId }, orderBy: { id: 'asc' } });
		expect(thread.map((message) => [message.senderId, message.body])).toEqual([
			[helper.id, 'When suits you?'],
			[poster.id, 'Saturday at 10 works']
		]);
	});
});
