import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { mailNewPostDigests } from './network-mail.ts';

let db: Database;
const RUN = `np${Date.now().toString(36)}`;
const ORIGIN = 'https://each.test';
let counter = 0;
let kensington: { id: number; name: string };

beforeAll(async () => {
	db = await useTestDatabase();
	kensington = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'kensington' } });
});
afterAll(disconnectDatabase);

const person = (
	name: string,
	data: { uiLocale?: string; networkPostMail?: boolean; awayUntil?: Date } = {}
) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name, ...data } });

// Created inactive and without coverage so that no other test's post is routed to them: the mail
// follows the posts already in a network, whatever its status.
const network = (name: string) =>
	db.network.create({
		data: {
			name: `${name} ${RUN}`,
			slug: `${name.toLowerCase()}-${RUN}-${++counter}`,
			boroughId: 3,
			inactiveSince: new Date()
		}
	});

const later = new Date(Date.now() + 7 * 864e5);
const post = (authorId: string, networkId: number, title: string, extra: object = {}) =>
	db.post.create({
		data: {
			kind: 'NEED',
			title: `${title} ${RUN}`,
			details: 'Details nobody else should be mailed',
			category: 'MEALS',
			timeWindow: 'THIS_WEEK',
			dueAt: later,
			expiresAt: later,
			authorId,
			networkId,
			neighborhoodId: kensington.id,
			...extra
		}
	});

const mailsTo = (user: { email: string | null }) =>
	db.outboxMessage.findMany({ where: { toAddress: user.email! }, orderBy: { id: 'asc' } });

/** Other test files leave posts behind; they are no news to the people made here. */
const markEarlierPosts = () =>
	db.post.updateMany({ where: { networkNotifiedAt: null }, data: { networkNotifiedAt: new Date() } });

describe('new-post mail to a network’s organizers and moderators', () => {
	it('sends each of them one mail per batch listing the new posts in every network they help run, in their language', async () => {
		await markEarlierPosts();
		const food = await network('Food');
		const tenants = await network('Tenants');
		const organizer = await person('Organizer');
		const moderator = await person('Moderador', { uiLocale: 'es' });
		const optedOut = await person('Quiet', { networkPostMail: false });
		const poster = await person('Poster');
		await db.networkMembership.createMany({
			data: [
				{ userId: organizer.id, networkId: food.id, role: 'ORGANIZER' },
				{ userId: organizer.id, networkId: tenants.id, role: 'MODERATOR' },
				{ userId: moderator.id, networkId: food.id, role: 'MODERATOR' },
				{ userId: optedOut.id, networkId: food.id, role: 'MODERATOR' }
			]
		});
		const groceries = await post(poster.id, food.id, 'Groceries');
		const crib = await post(poster.id, tenants.id, 'Crib', { kind: 'OFFER' });
		// Filed by the moderator for a neighbor on the phone: the others hear of it, she does not.
		const intake = await post(moderator.id, food.id, 'Phone intake', {
			intakeName: 'Neighbor Without Account',
			intakeContact: '718 555 0199'
		});
		const hidden = await post(poster.id, food.id, 'Hidden', { status: 'HIDDEN' });
		const held = await post(poster.id, food.id, 'Held first post', { status: 'HELD' });

		expect(await mailNewPostDigests(ORIGIN)).toBeGreaterThanOrEqual(2);

		const [toOrganizer, ...more] = await mailsTo(organizer);
		expect(more).toEqual([]);
		expect(toOrganizer!.subject).toBe('3 new posts in networks you help run');
		expect(toOrganizer!.text).toContain(`- Need: Groceries ${RUN} (Kensington · Food ${RUN})`);
		expect(toOrganizer!.text).toContain(`- Offer: Crib ${RUN} (Kensington · Tenants ${RUN})`);
		for (const id of [groceries.id, crib.id, intake.id]) {
			expect(toOrganizer!.text).toContain(`${ORIGIN}/posts/${id}\n`);
		}
		expect(toOrganizer!.text).toContain(`${ORIGIN}/account#network-mail`);
		for (const secret of ['Neighbor Without Account', '718 555 0199', poster.email!, 'Details nobody']) {
			expect(toOrganizer!.text).not.toContain(secret);
		}
		expect(toOrganizer!.text).not.toContain(`/posts/${hidden.id}\n`);
		expect(toOrganizer!.text).not.toContain(`/posts/${held.id}\n`);

		const [toModerator, ...moreEs] = await mailsTo(moderator);
		expect(moreEs).toEqual([]);
		expect(toModerator!.subject).toBe('1 publicación nueva en las redes que ayudas a coordinar');
		expect(toModerator!.text).toContain(`- Necesidad: Groceries ${RUN}`);
		expect(toModerator!.text).not.toContain('Phone intake');

		expect(await mailsTo(optedOut)).toEqual([]);
		expect(await mailsTo(poster)).toEqual([]);

		// Nothing new: no mail. The held post, once a moderator lets it onto the board, is news then.
		await mailNewPostDigests(ORIGIN);
		expect(await mailsTo(organizer)).toHaveLength(1);
		await db.post.update({ where: { id: held.id }, data: { status: 'OPEN' } });
		await mailNewPostDigests(ORIGIN);
		const [, second, ...none] = await mailsTo(organizer);
		expect(none).toEqual([]);
		expect(second!.subject).toBe('1 new post in networks you help run');
		expect(second!.text).toContain(`Held first post ${RUN}`);
		expect(second!.text).not.toContain('Groceries');
	});

	it('skips someone away until a later date, and mails them again once they are back', async () => {
		await markEarlierPosts();
		const food = await network('Away');
		const now = new Date();
		const away = await person('Resting', { awayUntil: new Date(now.getTime() + 3 * 864e5) });
		const back = await person('Back', { awayUntil: new Date(now.getTime() - 864e5) });
		const poster = await person('Poster');
		await db.networkMembership.createMany({
			data: [
				{ userId: away.id, networkId: food.id, role: 'MODERATOR' },
				{ userId: back.id, networkId: food.id, role: 'ORGANIZER' }
			]
		});
		await post(poster.id, food.id, 'While away');
		await mailNewPostDigests(ORIGIN, now);
		expect(await mailsTo(away)).toEqual([]);
		expect(await mailsTo(back)).toHaveLength(1);

		await post(poster.id, food.id, 'After coming back');
		await mailNewPostDigests(ORIGIN, new Date(now.getTime() + 4 * 864e5));
		const [first, ...rest] = await mailsTo(away);
		expect(rest).toEqual([]);
		expect(first!.text).toContain(`After coming back ${RUN}`);
		expect(first!.text).not.toContain('While away');
	});

	it('mails each person once when two instances run the job at the same moment', async () => {
		await markEarlierPosts();
		const food = await network('Race');
		const organizer = await person('RaceOrganizer');
		const poster = await person('RacePoster');
		await db.networkMembership.create({
			data: { userId: organizer.id, networkId: food.id, role: 'ORGANIZER' }
		});
		for (const title of ['First', 'Second', 'Third']) await post(poster.id, food.id, title);

		await Promise.all([mailNewPostDigests(ORIGIN), mailNewPostDigests(ORIGIN), mailNewPostDigests(ORIGIN)]);

		const mails = await mailsTo(organizer);
		expect(mails).toHaveLength(1);
		expect(mails[0]!.subject).toBe('3 new posts in networks you help run');
	});
});
