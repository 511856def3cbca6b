import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { deleteAccount } from '../accounts/deletion.ts';
import { listBoard, listMyPosts, parseBoardFilters } from './board.ts';
import { postSchema, readPostForm } from './form.ts';
import { createPost, dueAtFor, FLEXIBLE_DUE, updatePost } from './index.ts';
import {
	canTransition,
	expireDuePosts,
	EXPIRY_DAYS,
	sendExpiryReminders,
	transition,
	TransitionError
} from './lifecycle.ts';
import { publicPost } from './public.ts';
import { acceptClaim, createClaim, declineClaim } from '../claims/lifecycle.ts';
import { moderate } from '../moderation/actions.ts';

let db: Database;
let authorId: string;
const RUN = `zq${Date.now().toString(36)}`;
const DAY = 24 * 60 * 60 * 1000;

beforeAll(async () => {
	db = await useTestDatabase();
	const author = await db.user.create({
		data: {
			email: `poster-${RUN}@example.org`,
			name: 'Poster',
			uiLocale: 'en',
			profileCompletedAt: new Date()
		}
	});
	authorId = author.id;
});
afterAll(disconnectDatabase);

function input(fields: Record<string, string | string[] | boolean> = {}) {
	const form = new FormData();
	const defaults: Record<string, string | string[]> = {
		kind: 'NEED',
		title: `Groceries ${RUN}`,
		details: 'For my mother, this week.',
		category: 'GROCERIES',
		neighborhood: 'bushwick-west',
		timeWindow: 'THIS_WEEK',
		languages: ['en']
	};
	for (const [key, value] of Object.entries({ ...defaults, ...fields })) {
		if (value === true) form.append(key, key === 'publishAnyway' ? 'yes' : 'on');
		else if (value === false) continue;
		else for (const v of Array.isArray(value) ? value : [value]) form.append(key, v);
	}
	const parsed = postSchema.safeParse(readPostForm(form));
	if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
	return parsed.data;
}

async function networkId(slug: string) {
	return (await db.network.findUniqueOrThrow({ where: { slug } })).id;
}

describe('the post form', () => {
	it.each([
		[{ title: 'x' }, 'title', 'post_error_title_short'],
		[{ title: 'x'.repeat(121) }, 'title', 'post_error_title_long'],
		[{ details: 'x'.repeat(2001) }, 'details', 'post_error_details_long'],
		[{ category: 'WEAPONS' }, 'category', 'post_error_category'],
		[{ timeWindow: 'BY_DATE', neededBy: '' }, 'neededBy', 'post_error_needed_by'],
		[{ timeWindow: 'BY_DATE', neededBy: '2020-01-01' }, 'neededBy', 'post_error_needed_by_past'],
		[{ kind: 'OFFER', quantity: '0' }, 'quantity', 'post_error_quantity']
	])('rejects %o with a message for %s', (fields, field, message) => {
		const form = new FormData();
		for (const [k, v] of Object.entries({
			kind: 'NEED',
			title: 'Fine title',
			category: 'MEALS',
			timeWindow: 'TODAY',
			neighborhood: 'x',
			...fields
		})) {
			form.append(k, v);
		}
		const parsed = postSchema.safeParse(readPostForm(form));
		expect(parsed.error?.issues.find((i) => i.path[0] === field)?.message).toBe(message);
	});

	it('keeps line breaks in details and normalizes Windows ones', () => {
		expect(input({ details: 'line one\r\nline two' }).details).toBe('line one\nline two');
	});

	it('gives offers a quantity or makes them ongoing, and needs neither', () => {
		expect(input({ kind: 'OFFER', quantity: '3' })).toMatchObject({ quantity: 3, ongoing: false });
		expect(input({ kind: 'OFFER', ongoing: true })).toMatchObject({ quantity: null, ongoing: true });
		expect(input({ kind: 'NEED', quantity: '3', ongoing: true })).toMatchObject({
			quantity: null,
			ongoing: false
		});
	});

	it('derives when help is due from the time window', () => {
		const from = new Date('2026-11-26T12:00:00Z');
		expect(dueAtFor({ timeWindow: 'TODAY', neededBy: null }, from)).toEqual(new Date('2026-11-27T12:00:00Z'));
		expect(dueAtFor({ timeWindow: 'THIS_WEEK', neededBy: null }, from)).toEqual(
			new Date('2026-12-03T12:00:00Z')
		);
		expect(dueAtFor({ timeWindow: 'FLEXIBLE', neededBy: null }, from)).toEqual(FLEXIBLE_DUE);
		const date = new Date('2026-12-05T00:00:00Z');
		expect(dueAtFor({ timeWindow: 'BY_DATE', neededBy: date }, from)).toEqual(date);
	});
});

describe('posting', () => {
	it('asks which network when several cover the neighborhood, then links the chosen one', async () => {
		const first = await createPost(authorId, input());
		expect(first).toMatchObject({ ok: false, reason: 'network', neighborhoodName: 'Bushwick (West)' });
		if (first.ok || first.reason !== 'network') throw new Error('expected a network choice');
		expect(first.choices.map((c) => c.name)).toContain('Bushwick Ayuda Mutua (BAM)');
		expect(first.choices.every((c) => !c.fallback)).toBe(true);
		// What the form shows to choose by, from the same query that routed the post.
		expect(first.choices.find((c) => c.name === 'Bushwick Ayuda Mutua (BAM)')).toMatchObject({
			status: 'LISTED',
			description: null,
			hotline: null,
			languages: [],
			borough: { name: 'Brooklyn' }
		});

		const chosen = await networkId('bushwick-ayuda-mutua');
		const created = await createPost(authorId, input({ network: String(chosen) }));
		expect(created.ok).toBe(true);
		const post = await db.post.findUniqueOrThrow({ where: { id: (created as { id: number }).id } });
		expect(post).toMatchObject({ networkId: chosen, networkIsFallback: false, status: 'OPEN' });
		expect(post.expiresAt.getTime() - post.createdAt.getTime()).toBe(EXPIRY_DAYS * DAY);
	});

	it('lists the networks that work in a language the poster speaks first, and says which', async () => {
		const speaking = await networkId('bushwick-mutual-aid');
		await db.network.update({ where: { id: speaking }, data: { languages: ['bn', 'en'] } });
		try {
			const asked = await createPost(authorId, input({ languages: ['bn'] }));
			if (asked.ok || asked.reason !== 'network') throw new Error('expected a network choice');
			expect(asked.choices[0]).toMatchObject({ id: speaking, speaksYours: true });
			expect(asked.choices.slice(1).every((choice) => !choice.speaksYours)).toBe(true);
			// Otherwise by name, as before: nobody is put first for a language the poster did not give.
			const plain = await createPost(authorId, input({ languages: [] }));
			if (plain.ok || plain.reason !== 'network') throw new Error('expected a network choice');
			expect(plain.choices.map((choice) => choice.name)).toEqual(
				[...plain.choices.map((choice) => choice.name)].sort()
			);
			expect(plain.choices.every((choice) => !choice.speaksYours)).toBe(true);
		} finally {
			await db.network.update({ where: { id: speaking }, data: { languages: [] } });
		}
	});

	it('links the only covering network without asking', async () => {
		const created = await createPost(authorId, input({ neighborhood: 'kensington' }));
		expect(created.ok).toBe(true);
		const post = await db.post.findUniqueOrThrow({ where: { id: (created as { id: number }).id } });
		expect(post.networkId).toBe(await networkId('kensington-group-for-mutual-aid'));
	});

	it('falls back to borough-wide and citywide networks, marked as such, where none covers', async () => {
		const asked = await createPost(authorId, input({ neighborhood: 'bay-ridge' }));
		if (asked.ok || asked.reason !== 'network') throw new Error('expected a network choice');
		expect(asked.choices.every((c) => c.fallback)).toBe(true);
		expect(asked.choices.map((c) => c.name)).toContain('Mutual Aid NYC (MANYC)');
		const citywide = await networkId('mutual-aid-nyc');
		const created = await createPost(
			authorId,
			input({ neighborhood: 'bay-ridge', network: String(citywide) })
		);
		const post = await db.post.findUniqueOrThrow({ where: { id: (created as { id: number }).id } });
		expect(post).toMatchObject({ networkId: citywide, networkIsFallback: true });
	});

	it('refuses a neighborhood that takes no posts', async () => {
		expect(await createPost(authorId, input({ neighborhood: 'prospect-park' }))).toEqual({
			ok: false,
			reason: 'neighborhood'
		});
	});

	it('asks the poster to remove a phone number or address, unless they confirm it is not one', async () => {
		const text = input({
			neighborhood: 'kensington',
			details: 'Call (718) 555-0142, I am at 585 Woodward Ave'
		});
		expect(await createPost(authorId, text)).toEqual({
			ok: false,
			reason: 'privacy',
			findings: ['phone', 'address']
		});
		const anyway = await createPost(authorId, { ...text, publishAnyway: true });
		const post = await db.post.findUniqueOrThrow({ where: { id: (anyway as { id: number }).id } });
		expect(post.privacyFlagged).toBe(true);
	});

	it('edits a post, routing it again if its neighborhood changes', async () => {
		const created = (await createPost(authorId, input({ neighborhood: 'kensington' }))) as { id: number };
		await updatePost(
			created.id,
			input({
				neighborhood: 'ridgewood',
				network: String(await networkId('woodbine-mutual-aid')),
				title: `Edited ${RUN}`
			})
		);
		const post = await db.post.findUniqueOrThrow({
			where: { id: created.id },
			include: { neighborhood: true }
		});
		expect(post.neighborhood.slug).toBe('ridgewood');
		expect(post.title).toBe(`Edited ${RUN}`);
	});
});

describe('editing within the lifecycle', () => {
	const ORIGIN = 'https://each.test';
	let helpers = 0;
	const helper = async () =>
		(
			await db.user.create({
				data: { email: `helper-${RUN}-${++helpers}@example.org`, name: 'Helper', uiLocale: 'en' }
			})
		).id;
	const kensington = (fields: Record<string, string | boolean> = {}) =>
		input({ neighborhood: 'kensington', ...fields });
	async function posted(fields: Record<string, string | boolean> = {}) {
		const created = await createPost(authorId, kensington(fields));
		if (!created.ok) throw new Error(JSON.stringify(created));
		return created.id;
	}
	const row = (id: number) => db.post.findUniqueOrThrow({ where: { id } });
	const elsewhere = async (fields: Record<string, string | boolean> = {}) =>
		kensington({
			neighborhood: 'ridgewood',
			network: String(await networkId('woodbine-mutual-aid')),
			title: `Moved ${RUN}`,
			...fields
		});

	it('refuses to rewrite or move a post a moderator hid, leaving it with that network', async () => {
		const id = await posted();
		await moderate(await helper(), id, 'hide', { reason: 'Spam' });
		const before = await row(id);
		expect(await updatePost(id, await elsewhere())).toEqual({ ok: false, reason: 'not-editable' });
		expect(await row(id)).toEqual(before);
	});

	it('refuses to turn a claimed need into an offer', async () => {
		const id = await posted();
		await acceptClaim(await createClaim(id, await helper(), 'I can', ORIGIN), ORIGIN);
		const before = await row(id);
		expect(before.status).toBe('CLAIMED');
		const offer = kensington({ kind: 'OFFER', quantity: '50', title: 'An offer of 50' });
		expect(await updatePost(id, offer)).toEqual({ ok: false, reason: 'not-editable' });
		expect(await row(id)).toEqual(before);
	});

	it('keeps the kind once anyone replied, even a reply that was declined', async () => {
		const id = await posted();
		await declineClaim(await createClaim(id, await helper(), 'I can', ORIGIN), ORIGIN);
		const before = await row(id);
		expect(await updatePost(id, kensington({ kind: 'OFFER', quantity: '2' }))).toEqual({
			ok: false,
			reason: 'kind-locked'
		});
		expect(await row(id)).toEqual(before);
	});

	it('keeps an offer at least as large as the places already taken', async () => {
		const id = await posted({ kind: 'OFFER', quantity: '3' });
		for (let i = 0; i < 2; i++)
			await acceptClaim(await createClaim(id, await helper(), 'Yes', ORIGIN), ORIGIN);
		const before = await row(id);
		expect(await updatePost(id, kensington({ kind: 'OFFER', quantity: '1' }))).toEqual({
			ok: false,
			reason: 'quantity-below-taken',
			taken: 2
		});
		expect(await row(id)).toEqual(before);
		expect(await updatePost(id, kensington({ kind: 'OFFER', quantity: '2' }))).toEqual({ ok: true, id });
		expect((await row(id)).quantity).toBe(2);
	});

	it('moves a post to another network only while nobody is helping with it', async () => {
		const id = await posted({ kind: 'OFFER', quantity: '2' });
		await createClaim(id, await helper(), 'Me please', ORIGIN);
		const before = await row(id);
		expect(await updatePost(id, await elsewhere({ kind: 'OFFER', quantity: '2' }))).toEqual({
			ok: false,
			reason: 'neighborhood-locked'
		});
		expect(await row(id)).toEqual(before);
		// The same words in the same place are still the poster's to change.
		expect(await updatePost(id, kensington({ kind: 'OFFER', quantity: '2', title: `Kept ${RUN}` }))).toEqual({
			ok: true,
			id
		});
		expect(await row(id)).toMatchObject({ title: `Kept ${RUN}`, networkId: before.networkId });
	});
});

describe('the lifecycle', () => {
	it('allows only the moves in its table', () => {
		expect(canTransition('OPEN', 'withdraw')).toBe(true);
		expect(canTransition('WITHDRAWN', 'withdraw')).toBe(false);
		expect(canTransition('EXPIRED', 'renew')).toBe(true);
		expect(canTransition('WITHDRAWN', 'renew')).toBe(false);
		expect(canTransition('FULFILLED', 'expire')).toBe(false);
		expect(canTransition('OPEN', 'fill')).toBe(true);
		expect(canTransition('CLAIMED', 'release')).toBe(true);
		expect(canTransition('OPEN', 'release')).toBe(false);
		expect(canTransition('CLAIMED', 'expire')).toBe(false);
	});

	it('withdraws and renews, refusing moves the status does not allow', async () => {
		const { id } = (await createPost(authorId, input({ neighborhood: 'kensington' }))) as { id: number };
		await transition(id, 'withdraw');
		await expect(transition(id, 'withdraw')).rejects.toBeInstanceOf(TransitionError);
		await expect(transition(id, 'renew')).rejects.toBeInstanceOf(TransitionError);
		expect((await db.post.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN');
	});

	it('reminds once before expiry, expires after 14 days, and renewing brings a post back for 14 more', async () => {
		const created = new Date('2030-01-01T10:00:00Z');
		const { id } = (await createPost(authorId, input({ neighborhood: 'kensington' }), created)) as {
			id: number;
		};
		const mail = {
			subject: () => 'Still needed?',
			body: ({ url }: { url: string }) => `Renew: ${url}`,
			text: () => 'Still needed?'
		};

		expect(await sendExpiryReminders('https://each.test', mail, new Date('2030-01-10T10:00:00Z'))).toBe(0);
		const reminderTime = new Date('2030-01-13T10:00:00Z');
		expect(await sendExpiryReminders('https://each.test', mail, reminderTime)).toBe(1);
		expect(await sendExpiryReminders('https://each.test', mail, reminderTime)).toBe(0);
		const reminder = await db.outboxMessage.findFirstOrThrow({
			where: { toAddress: `poster-${RUN}@example.org`, text: { contains: `/posts/${id}` } }
		});
		expect(reminder.text).toBe(`Renew: https://each.test/posts/${id}`);

		await expireDuePosts(new Date('2030-01-14T09:59:59Z'));
		expect((await db.post.findUniqueOrThrow({ where: { id } })).status).toBe('OPEN');
		await expireDuePosts(new Date('2030-01-15T10:00:00Z'));
		expect((await db.post.findUniqueOrThrow({ where: { id } })).status).toBe('EXPIRED');

		const renewedAt = new Date('2030-01-16T10:00:00Z');
		await transition(id, 'renew', renewedAt);
		const renewed = await db.post.findUniqueOrThrow({ where: { id } });
		expect(renewed).toMatchObject({ status: 'OPEN', reminderSentAt: null, closedAt: null });
		expect(renewed.expiresAt).toEqual(new Date(renewedAt.getTime() + EXPIRY_DAYS * DAY));
		expect((await listMyPosts(authorId)).some((p) => p.id === id)).toBe(true);
	});

	it("withdraws a deleted account's open posts", async () => {
		const leaver = await db.user.create({ data: { email: `leaver-${RUN}@example.org`, name: 'Leaver' } });
		const { id } = (await createPost(leaver.id, input({ neighborhood: 'kensington' }))) as { id: number };
		await deleteAccount(leaver.id, 'https://each.test');
		expect((await db.post.findUniqueOrThrow({ where: { id } })).status).toBe('WITHDRAWN');
	});
});

describe('the board', () => {
	const word = `${RUN}board`;
	const ids: Record<string, number> = {};

	beforeAll(async () => {
		const base = new Date('2030-06-01T00:00:00Z');
		const make = async (
			key: string,
			fields: Record<string, string | string[] | boolean>,
			minutes: number
		) => {
			const result = await createPost(
				authorId,
				input({ neighborhood: 'kensington', title: `${key} ${word}`, ...fields }),
				new Date(base.getTime() + minutes * 60_000)
			);
			ids[key] = (result as { id: number }).id;
		};
		await make('meals', { category: 'MEALS', timeWindow: 'TODAY' }, 1);
		await make('crib', { kind: 'OFFER', category: 'BABY_KIDS', quantity: '1', timeWindow: 'FLEXIBLE' }, 2);
		await make(
			'rides',
			{
				kind: 'OFFER',
				category: 'RIDES',
				ongoing: true,
				timeWindow: 'THIS_MONTH',
				details: 'Tuesdays to appointments'
			},
			3
		);
		await make(
			'queens',
			{
				neighborhood: 'astoria-central',
				network: String(await networkId('astoria-mutual-aid-network')),
				timeWindow: 'THIS_WEEK'
			},
			4
		);
		await make('gone', {}, 5);
		await transition(ids.gone!, 'withdraw');
	});

	const search = async (params: Record<string, string>) =>
		(await listBoard(parseBoardFilters(new URLSearchParams({ q: word, ...params })))).posts.map(
			(p) => p.title.split(' ')[0]
		);

	it('shows open posts only, newest first', async () => {
		expect(await search({})).toEqual(['queens', 'rides', 'crib', 'meals']);
	});

	it.each([
		[{ kind: 'OFFER' }, ['rides', 'crib']],
		[{ category: 'MEALS' }, ['meals']],
		[{ borough: 'queens' }, ['queens']],
		[{ neighborhood: 'astoria-central' }, ['queens']],
		[{ network: 'kensington-group-for-mutual-aid' }, ['rides', 'crib', 'meals']],
		[{ sort: 'longest' }, ['meals', 'crib', 'rides', 'queens']],
		[{ sort: 'soonest' }, ['meals', 'queens', 'rides', 'crib']]
	])('filters and sorts by %o', async (params, expected) => {
		expect(await search(params)).toEqual(expected);
	});

	it('searches titles and details', async () => {
		expect(
			(await listBoard(parseBoardFilters(new URLSearchParams({ q: `${word} tuesdays` })))).posts.map(
				(p) => p.id
			)
		).toEqual([ids.rides]);
	});

	it('ignores filter values it does not know instead of failing', async () => {
		expect(
			parseBoardFilters(new URLSearchParams({ kind: 'BOTH', sort: 'random', limit: '100000' }))
		).toMatchObject({ kind: undefined, sort: 'newest', limit: 20 });
	});

	it('pages with a cursor, in every sort, without repeats or gaps', async () => {
		for (const sort of ['newest', 'soonest', 'longest']) {
			const seen: number[] = [];
			let cursor: string | null = null;
			do {
				const params: Record<string, string> = { q: word, sort, limit: '1' };
				if (cursor) params.cursor = cursor;
				const page = await listBoard(parseBoardFilters(new URLSearchParams(params)));
				seen.push(...page.posts.map((p) => p.id));
				cursor = page.nextCursor;
			} while (cursor);
			const all = (await listBoard(parseBoardFilters(new URLSearchParams({ q: word, sort })))).posts.map(
				(p) => p.id
			);
			expect(seen, sort).toEqual(all);
		}
	});

	it('runs one statement per page whatever the page size (no N+1)', async () => {
		// Around it, the transaction that scopes its settings: BEGIN, the settings, COMMIT.
		const statements = async (limit: string) => {
			const spy = vi.spyOn(pg.Client.prototype, 'query');
			try {
				await listBoard(parseBoardFilters(new URLSearchParams({ limit })));
				const texts = spy.mock.calls.map(([query]) => JSON.stringify(query));
				return { all: texts.length, reading: texts.filter((text) => text.includes('FROM posts')).length };
			} finally {
				spy.mockRestore();
			}
		};
		expect(await statements('1')).toEqual({ all: 4, reading: 1 });
		expect(await statements('100')).toEqual({ all: 4, reading: 1 });
	});

	it('publishes no personal data', async () => {
		const { posts } = await listBoard(parseBoardFilters(new URLSearchParams({ q: word })));
		const json = JSON.stringify(posts.map((post) => publicPost(post, 'https://each.test')));
		expect(json).not.toContain(authorId);
		expect(json).not.toContain('poster-');
		expect(json).not.toContain('Poster');
		expect(json).not.toContain('authorId');
	});
});
