// A post or message written offline is sent again until its device hears back (static/enhance.js):
// the key the device made finds what the first sending stored, so it is stored once, even when both
// sendings arrive at the same moment. Without a key (no JavaScript) nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { postNeed } from '../../../../tests/support/posts.ts';
import { acceptClaim, createClaim } from '../claims/lifecycle.ts';
import { sendMessage } from '../claims/threads.ts';
import { dateInNewYork } from '../calendar.ts';
import type { Database } from '../db/index.ts';
import { clientKeyOf } from '../http/form.ts';
import { postSchema, readPostForm } from './form.ts';
import { createPost } from './index.ts';
import { addDays } from './recurrence.ts';

const RUN = `k${Date.now().toString(36)}`;
let db: Database;
let counter = 0;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string) =>
	db.user.create({ data: { name, email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org` } });

const input = (title: string, more: Record<string, string> = {}) => {
	const form = new FormData();
	for (const [name, value] of Object.entries({
		kind: 'OFFER',
		title,
		category: 'MEALS',
		neighborhood: 'kensington',
		timeWindow: 'THIS_WEEK',
		...more
	}))
		form.append(name, value);
	return postSchema.parse(readPostForm(form));
};

describe('client keys', () => {
	it('reads only a key shaped like one the device makes', () => {
		const form = (key: string) => {
			const data = new FormData();
			data.set('clientKey', key);
			return data;
		};
		expect(clientKeyOf(form('6f1c0b1e-6a4d-4d7e-9a53-0a1b2c3d4e5f'))).toBe(
			'6f1c0b1e-6a4d-4d7e-9a53-0a1b2c3d4e5f'
		);
		expect(clientKeyOf(form('short'))).toBeUndefined();
		expect(clientKeyOf(form('x'.repeat(65)))).toBeUndefined();
		expect(clientKeyOf(form("'; DROP TABLE posts; --aaaaaaaa"))).toBeUndefined();
		expect(clientKeyOf(new FormData())).toBeUndefined();
	});

	it('stores a post sent twice, or twice at once, once', async () => {
		const author = await person('Offline');
		const key = `${RUN}-post-0001`;
		const first = await createPost(author.id, input(`Soup ${RUN}`), new Date(), undefined, key);
		const again = await createPost(author.id, input(`Soup ${RUN}`), new Date(), undefined, key);
		expect(first).toEqual({ ok: true, id: expect.any(Number) });
		expect(again).toEqual(first);

		const raced = `${RUN}-post-0002`;
		const both = await Promise.all(
			[1, 2].map(() => createPost(author.id, input(`Bread ${RUN}`), new Date(), undefined, raced))
		);
		expect(both[0]).toEqual(both[1]);
		expect(await db.post.count({ where: { authorId: author.id } })).toBe(2);

		// Without a key, two sendings are two posts, as before.
		await createPost(author.id, input(`Rice ${RUN}`));
		await createPost(author.id, input(`Rice ${RUN}`));
		expect(await db.post.count({ where: { authorId: author.id, title: `Rice ${RUN}` } })).toBe(2);
	});

	it('stores a repeating post sent twice, or twice at once, as one series', async () => {
		const author = await person('Weekly');
		const weekly = (title: string) =>
			input(title, {
				kind: 'NEED',
				category: 'GROCERIES',
				repeat: 'WEEKLY',
				repeatStart: addDays(dateInNewYork(new Date()), 1),
				repeatCount: '6'
			});
		const key = `${RUN}-series-01`;
		const first = await createPost(author.id, weekly(`Groceries ${RUN}`), new Date(), undefined, key);
		const again = await createPost(author.id, weekly(`Groceries ${RUN}`), new Date(), undefined, key);
		expect(first).toEqual({ ok: true, id: expect.any(Number) });
		expect(again).toEqual(first);
		const made = await db.post.count({ where: { authorId: author.id } });
		expect(made).toBeGreaterThan(1);

		const raced = `${RUN}-series-02`;
		const both = await Promise.all(
			[1, 2].map(() => createPost(author.id, weekly(`Diapers ${RUN}`), new Date(), undefined, raced))
		);
		expect(both[0]).toEqual(both[1]);
		expect(await db.postSeries.count({ where: { authorId: author.id } })).toBe(2);
		expect(await db.post.count({ where: { authorId: author.id } })).toBe(2 * made);
	});

	it('stores a message sent twice, or twice at once, once', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const claimId = await createClaim(
			await postNeed(poster.id, `Help ${RUN}`),
			helper.id,
			'I can',
			'https://each.test'
		);
		await acceptClaim(claimId, 'https://each.test', new Date(), poster.id);
		const key = `${RUN}-message-01`;
		expect(await sendMessage(claimId, helper.id, 'On my way', key)).toEqual({ sent: true });
		expect(await sendMessage(claimId, helper.id, 'On my way', key)).toEqual({ sent: true });
		const raced = `${RUN}-message-02`;
		expect(
			await Promise.all([1, 2].map(() => sendMessage(claimId, helper.id, 'Ten minutes', raced)))
		).toEqual([{ sent: true }, { sent: true }]);
		const bodies = (await db.message.findMany({ where: { claimId }, orderBy: { id: 'asc' } })).map(
			(m) => m.body
		);
		expect(bodies).toEqual(['On my way', 'Ten minutes']);
	});
});
