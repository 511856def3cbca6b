// Notices go the way each person chose: a text (short, in their language, with the link) for people
// who chose texts or have only a number, mail for everyone else; through the real claim and reminder
// code paths.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { postNeed, remindDayBefore } from '../../../../tests/support/posts.ts';
import { acceptClaim, createClaim, sendCheckIns } from '../claims/lifecycle.ts';
import { notifyUnreadMessages, sendMessage } from '../claims/threads.ts';
import { mailPlaceOpened } from '../claims/again.ts';
import type { Database } from '../db/index.ts';
import { mailReportDigests } from '../moderation/reports.ts';
import { mailNewModerator } from '../networks/moderators.ts';
import { mailNewPostDigests } from '../posts/network-mail.ts';
import { countSegments } from '../sms/segments.ts';

const ORIGIN = 'https://each.test';
const RUN = `n${Date.now().toString(36)}`;
let db: Database;
let counter = 0;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

type Way = 'mail' | 'text' | 'phone only';

async function person(name: string, way: Way, uiLocale = 'en') {
	const smsNumber = `+1347555${String(1000 + (++counter % 9000)).slice(-4)}`;
	await db.user.updateMany({ where: { smsNumber }, data: { smsNumber: null } });
	return db.user.create({
		data: {
			name,
			uiLocale,
			email: way === 'phone only' ? null : `${name.toLowerCase()}-${RUN}-${counter}@example.org`,
			smsNumber: way === 'mail' ? null : smsNumber,
			notifyBy: way === 'text' ? 'SMS' : 'MAIL'
		}
	});
}

const post = (authorId: string, title = `Soup for the week ${RUN}`) => postNeed(authorId, title);

const outboxFor = async (user: { email: string | null; smsNumber: string | null }) =>
	db.outboxMessage.findMany({
		where: { toAddress: { in: [user.email, user.smsNumber].filter((to): to is string => !!to) } },
		orderBy: { id: 'asc' },
		select: { channel: true, toAddress: true, subject: true, text: true }
	});

describe('notices by text', () => {
	it('texts a reply, an acceptance and new messages to people who chose texts, and mails the others', async () => {
		const poster = await person('Texter', 'text');
		const helper = await person('Mailer', 'mail');
		const postId = await post(poster.id);

		const claimId = await createClaim(postId, helper.id, 'I can cook Sunday', ORIGIN);
		const [offer] = await outboxFor(poster);
		expect(offer).toMatchObject({ channel: 'SMS', toAddress: poster.smsNumber, subject: null });
		expect(offer!.text).toBe(
			`Each Other: Mailer answered "Soup for the week ${RUN}". Accept or decline within 48 hours: ${ORIGIN}/claims/${claimId}`
		);
		expect(countSegments(offer!.text).segments).toBeLessThanOrEqual(2);

		await acceptClaim(claimId, ORIGIN, new Date(), poster.id);
		const helperOutbox = await outboxFor(helper);
		expect(helperOutbox.map((m) => [m.channel, m.toAddress])).toEqual([['MAIL', helper.email]]);
		expect(helperOutbox[0]!.subject).toMatch(/^Accepted: /);

		expect(await sendMessage(claimId, helper.id, 'See you Sunday at noon')).toMatchObject({ sent: true });
		await notifyUnreadMessages(ORIGIN, new Date(Date.now() + 60 * 60 * 1000));
		const texts = (await outboxFor(poster)).filter((m) => m.channel === 'SMS');
		expect(texts.at(-1)!.text).toContain('new message about');
		expect(texts.at(-1)!.text).toContain(`${ORIGIN}/claims/${claimId}`);
		// The message itself never travels by text: only that there is one, and where.
		expect(texts.map((t) => t.text).join(' ')).not.toContain('See you Sunday');
		expect(await db.outboxMessage.count({ where: { channel: 'MAIL', toAddress: poster.email! } })).toBe(0);
	});

	it('texts someone who has only a number, whatever the setting, in their language', async () => {
		const poster = await person('Solo', 'phone only', 'es');
		const helper = await person('Helper', 'mail');
		const postId = await post(poster.id, 'Una sopa caliente para mi abuela que vive sola en el barrio');
		await createClaim(postId, helper.id, 'Yo la llevo', ORIGIN);
		const [offer] = await outboxFor(poster);
		expect(offer!.channel).toBe('SMS');
		// In Spanish, with the title cut short so the text stays within two segments.
		expect(offer!.text).toContain('Helper responde a "Una sopa caliente para mi a..."');
		expect(countSegments(offer!.text).segments).toBeLessThanOrEqual(2);
	});

	it('asks "did this happen?" and "still needed?" by text', async () => {
		const poster = await person('Asker', 'text');
		const helper = await person('Doer', 'text');
		const postId = await post(poster.id, `Rides to the clinic ${RUN}`);
		const claimId = await createClaim(postId, helper.id, 'I drive', ORIGIN);
		await acceptClaim(claimId, ORIGIN, new Date(Date.now() - 6 * 24 * 60 * 60 * 1000), poster.id);
		await sendCheckIns(ORIGIN);
		expect((await outboxFor(helper)).map((m) => m.text)).toContainEqual(
			expect.stringMatching(/^Each Other: did "Rides to the clinic .*" happen\?/)
		);

		const reminder = {
			subject: () => 'Still needed?',
			body: () => 'mail body',
			text: ({ title, url }: { title: string; url: string }) => `Still needed: ${title} ${url}`
		};
		const lonely = await post(poster.id, `Company on Tuesdays ${RUN}`);
		await remindDayBefore(lonely, reminder, ORIGIN);
		expect((await outboxFor(poster)).map((m) => m.text)).toContainEqual(
			`Still needed: Company on Tuesdays ${RUN} ${ORIGIN}/posts/${lonely}`
		);
	});
});

describe('moderation notices by text', () => {
	const kensington = async () =>
		(await db.network.findUniqueOrThrow({ where: { slug: 'kensington-group-for-mutual-aid' } })).id;
	async function moderator(way: Way) {
		const user = await person('Moderator', way);
		await db.networkMembership.create({
			data: { userId: user.id, networkId: await kensington(), role: 'MODERATOR' }
		});
		return user;
	}

	it('texts a team member with only a number about new reports and new posts in their network', async () => {
		const member = await moderator('phone only');
		const author = await person('Reported', 'mail');
		const postId = await post(author.id, `Reported post ${RUN}`);
		await db.report.create({ data: { postId, reporterId: author.id, reason: 'SPAM', note: '' } });

		await mailReportDigests(ORIGIN);
		while ((await mailNewPostDigests(ORIGIN)) > 0);
		const texts = await outboxFor(member);
		expect(texts.every((text) => text.channel === 'SMS')).toBe(true);
		expect(texts.map((text) => text.text)).toEqual(
			expect.arrayContaining([
				`Each Other: new reports to review in Kensington, Brooklyn, Group...: ${ORIGIN}/moderate`,
				expect.stringMatching(/^Each Other: new posts in networks you help run\. The newest: /)
			])
		);
		for (const { text } of texts) expect(countSegments(text).segments).toBeLessThanOrEqual(2);
	});

	it('texts an invitation to moderate, and a place opening up, to people who chose texts', async () => {
		const invited = await person('Invited', 'text');
		const networkId = await kensington();
		await db.$transaction((tx) => mailNewModerator(tx, invited.id, networkId, ORIGIN));
		expect((await outboxFor(invited)).map((m) => [m.channel, m.text])).toEqual([
			[
				'SMS',
				`Each Other: the organizers of Kensington, Brooklyn, Group... invited you to help moderate. Sign in to start: ${ORIGIN}/signin?next=/moderate`
			]
		]);

		const asker = await person('Turned away', 'text');
		const offer = await post((await person('Giver', 'mail')).id, `Winter coats ${RUN}`);
		await db.claim.create({
			data: { postId: offer, claimantId: asker.id, note: 'Size M', status: 'DECLINED', declinedFull: true }
		});
		await db.$transaction((tx) => mailPlaceOpened(tx, offer, ORIGIN, new Date()));
		expect((await outboxFor(asker)).map((m) => [m.channel, m.text])).toEqual([
			[
				'SMS',
				`Each Other: a place opened up on "Winter coats ${RUN}". Ask again with one tap: ${ORIGIN}/posts/${offer}`
			]
		]);
	});
});
