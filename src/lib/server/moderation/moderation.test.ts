import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { ClaimError } from '../claims/lifecycle.ts';
import { createPost, type Intake } from '../posts/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { getPublicPost, listBoard, parseBoardFilters } from '../posts/board.ts';
import { publicPost } from '../posts/public.ts';
import { moderate } from './actions.ts';
import * as audit from './audit.ts';
import { networkPostsCsv, openPostsDigest } from './exports.ts';
import { getModeratedPost, moderationQueue } from './queue.ts';
import { mailReportDigests, submitReport } from './reports.ts';
import { networkStats } from './stats.ts';
import { createClaim } from '../claims/lifecycle.ts';

let db: Database;
const RUN = `m${Date.now().toString(36)}`;
// Past the end of any list: paginate() answers the last page.
const LAST_PAGE = 1_000_000;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string, phone?: string) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name, phone } });

async function post(authorId: string, title: string, intake?: Intake) {
	const form = new FormData();
	for (const [k, v] of Object.entries({
		kind: 'NEED',
		title,
		category: 'MEALS',
		neighborhood: 'kensington',
		timeWindow: 'TODAY'
	})) {
		form.append(k, v);
	}
	const result = await createPost(authorId, postSchema.parse(readPostForm(form)), new Date(), intake);
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

const onBoard = async (title: string) =>
	(await listBoard(parseBoardFilters(new URLSearchParams({ q: title })))).posts.map((p) => p.title);

describe('moderation', () => {
	it('report → hide → gone from the board → restore → back, each step logged with who and why', async () => {
		const poster = await person('Poster');
		const reporter = await person('Reporter');
		const moderator = await person('Mod');
		const title = `Suspicious ${RUN}`;
		const postId = await post(poster.id, title);
		const { networkId } = await db.post.findUniqueOrThrow({ where: { id: postId } });

		await submitReport(reporter.id, postId, { reason: 'SCAM', note: 'asks for gift cards' });
		// Oldest first, so the newest post is on the last page.
		const queue = (await moderationQueue([networkId], LAST_PAGE)).items;
		expect(queue.find((p) => p.id === postId)?.reports.map((r) => r.reason)).toEqual(['SCAM']);

		await moderate(moderator.id, postId, 'hide', { reason: 'Asks for money' });
		expect(await onBoard(title)).toEqual([]);
		expect((await getPublicPost(postId))?.status).toBe('HIDDEN');
		expect((await getModeratedPost(postId))?.hiddenReason).toBe('Asks for money');
		expect((await db.report.findFirstOrThrow({ where: { postId } })).status).toBe('ACTIONED');

		await moderate(moderator.id, postId, 'restore');
		expect(await onBoard(title)).toEqual([title]);

		const log = (await audit.list([networkId])).items.filter((e) => e.postId === postId);
		expect(log.map((e) => [e.action, e.actor.name, e.reason])).toEqual([
			['restore', 'Mod', null],
			['hide', 'Mod', 'Asks for money']
		]);
	});

	it('keeps the log append-only', async () => {
		const moderator = await person('Mod');
		const postId = await post((await person('P')).id, `Log ${RUN}`);
		await moderate(moderator.id, postId, 'lock');
		await expect(
			db.moderationLogEntry.updateMany({ where: { postId }, data: { reason: 'rewritten' } })
		).rejects.toThrow(/append-only/);
		await expect(db.moderationLogEntry.deleteMany({ where: { postId } })).rejects.toThrow(/append-only/);
	});

	it('hands a post off to another network, recorded for both', async () => {
		const moderator = await person('Mod');
		const postId = await post((await person('P')).id, `Handoff ${RUN}`);
		const from = (await db.post.findUniqueOrThrow({ where: { id: postId } })).networkId;
		const to = (await db.network.findUniqueOrThrow({ where: { slug: 'mutual-aid-nyc' } })).id;
		await moderate(moderator.id, postId, 'handoff', { targetNetworkId: to });
		expect((await db.post.findUniqueOrThrow({ where: { id: postId } })).networkId).toBe(to);
		expect((await audit.list([from])).items.some((e) => e.postId === postId && e.action === 'handoff')).toBe(
			true
		);
		expect((await audit.list([to])).items.some((e) => e.postId === postId && e.action === 'handoff')).toBe(
			true
		);
	});

	it('pauses replies, and suspends a poster from the network', async () => {
		const moderator = await person('Mod');
		const poster = await person('Poster');
		const helper = await person('Helper');
		const postId = await post(poster.id, `Locked ${RUN}`);
		await moderate(moderator.id, postId, 'lock');
		await expect(createClaim(postId, helper.id, 'hi', 'http://x')).rejects.toEqual(new ClaimError('locked'));
		await moderate(moderator.id, postId, 'unlock');
		await moderate(moderator.id, postId, 'suspend', { reason: 'Repeated scams' });
		const form = new FormData();
		for (const [k, v] of Object.entries({
			kind: 'NEED',
			title: 'Again',
			category: 'MEALS',
			neighborhood: 'kensington',
			timeWindow: 'TODAY'
		})) {
			form.append(k, v);
		}
		expect(await createPost(poster.id, postSchema.parse(readPostForm(form)))).toEqual({
			ok: false,
			reason: 'suspended'
		});
	});

	it('keeps an intake neighbor’s name and contact to the network’s moderators', async () => {
		const moderator = await person('Mod');
		const networkId = (
			await db.network.findUniqueOrThrow({ where: { slug: 'kensington-group-for-mutual-aid' } })
		).id;
		const title = `Intake ${RUN}`;
		const postId = await post(moderator.id, title, {
			name: 'Doña Rosa',
			contact: '718 555 0177',
			networkIds: [networkId]
		});
		expect(await getModeratedPost(postId)).toMatchObject({
			intakeName: 'Doña Rosa',
			intakeContact: '718 555 0177'
		});
		const publicView = JSON.stringify(await getPublicPost(postId));
		const board = (await listBoard(parseBoardFilters(new URLSearchParams({ q: title })))).posts;
		const api = JSON.stringify(board.map((p) => publicPost(p, 'https://x')));
		for (const text of [publicView, api]) {
			expect(text).not.toContain('Rosa');
			expect(text).not.toContain('0177');
		}
	});

	it('exports posts as CSV and a digest with no email, phone or user id, and formulas defused', async () => {
		const poster = await person('Csvperson', '347 555 0155');
		const postId = await post(poster.id, `=HYPERLINK("http://evil") ${RUN}`);
		const { networkId } = await db.post.findUniqueOrThrow({ where: { id: postId } });
		const csv = await networkPostsCsv(networkId);
		const digest = await openPostsDigest(networkId, 'https://each.test', { need: 'NEED', offer: 'OFFER' });
		for (const text of [csv, digest]) {
			expect(text).not.toContain(poster.email!);
			expect(text).not.toContain('0155');
			expect(text).not.toContain(poster.id);
			expect(text).not.toContain('Csvperson');
		}
		expect(csv.split('\r\n')[0]).toBe(
			'post,kind,status,category,neighborhood,time_window,title,created_at,closed_at'
		);
		expect(csv).toContain(`"'=HYPERLINK(""http://evil"") ${RUN}"`);
		expect(digest).toContain(`https://each.test/posts/${postId}`);
	});

	it('counts a network’s posts without people: by status, category and neighborhood, time to a first reply', async () => {
		const network = await db.network.create({
			data: { name: `Stats ${RUN}`, slug: `stats-${RUN}`, sourceUrls: [] }
		});
		const poster = await person('Poster');
		const helper = await person('Helper');
		const ids = [await post(poster.id, `One ${RUN}`), await post(poster.id, `Two ${RUN}`)];
		const created = new Date('2030-01-01T00:00:00Z');
		await db.post.updateMany({
			where: { id: { in: ids } },
			data: { networkId: network.id, createdAt: created }
		});
		await db.post.update({ where: { id: ids[1] }, data: { status: 'FULFILLED' } });
		const claimId = await createClaim(ids[0]!, helper.id, 'hi', 'http://x');
		await db.claim.update({ where: { id: claimId }, data: { createdAt: new Date('2030-01-01T03:00:00Z') } });

		try {
			const stats = await networkStats(network.id);
			expect(stats.byStatus).toEqual([
				{ status: 'OPEN', count: 1 },
				{ status: 'FULFILLED', count: 1 }
			]);
			expect(stats.byCategory).toEqual([{ category: 'MEALS', count: 2 }]);
			expect(stats.byNeighborhood).toEqual([{ name: 'Kensington', count: 2 }]);
			expect(stats.medianHoursToFirstReply).toBe(3);
			expect(stats.shareFulfilled).toBe(1);
			expect(JSON.stringify(stats)).not.toMatch(/Poster|Helper|example\.org/);
		} finally {
			// Other test files count the seeded networks: leave none behind.
			await db.claim.deleteMany({ where: { postId: { in: ids } } });
			await db.post.deleteMany({ where: { id: { in: ids } } });
			await db.network.delete({ where: { id: network.id } });
		}
	});

	it('changes a post’s category and neighborhood, logged', async () => {
		const moderator = await person('Mod');
		const postId = await post((await person('P')).id, `Recategorize ${RUN}`);
		const ridgewood = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'ridgewood' } });
		await moderate(moderator.id, postId, 'edit', { category: 'GROCERIES', neighborhoodId: ridgewood.id });
		expect(await db.post.findUniqueOrThrow({ where: { id: postId } })).toMatchObject({
			category: 'GROCERIES',
			neighborhoodId: ridgewood.id
		});
		const prospectPark = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'prospect-park' } });
		await expect(moderate(moderator.id, postId, 'edit', { neighborhoodId: prospectPark.id })).rejects.toThrow(
			'Choose a residential neighborhood'
		);
		const { networkId } = await db.post.findUniqueOrThrow({ where: { id: postId } });
		expect((await audit.list([networkId])).items.find((e) => e.postId === postId)?.action).toBe('edit');
	});

	it('shows a reported message to the network’s moderators', async () => {
		const poster = await person('Poster');
		const helper = await person('Helper');
		const postId = await post(poster.id, `Message report ${RUN}`);
		const claimId = await createClaim(postId, helper.id, 'hi', 'http://x');
		const message = await db.message.create({
			data: { claimId, senderId: helper.id, body: 'Send me $50 first' }
		});
		await submitReport(poster.id, postId, { reason: 'SCAM', note: 'asked for money' }, message);
		const moderated = await getModeratedPost(postId);
		expect(moderated?.reports[0]).toMatchObject({ reason: 'SCAM', message: 'Send me $50 first' });
	});

	it('holds a new account’s first post for review where the network asks, until a moderator approves it', async () => {
		const network = await db.network.findUniqueOrThrow({
			where: { slug: 'kensington-group-for-mutual-aid' }
		});
		await db.network.update({ where: { id: network.id }, data: { holdFirstPosts: true } });
		try {
			const newcomer = await person('Newcomer');
			const moderator = await person('Mod');
			const first = await post(newcomer.id, `First ${RUN}`);
			expect((await db.post.findUniqueOrThrow({ where: { id: first } })).status).toBe('HELD');
			expect(await onBoard(`First ${RUN}`)).toEqual([]);
			expect((await moderationQueue([network.id], LAST_PAGE)).items.some((p) => p.id === first)).toBe(true);
			await moderate(moderator.id, first, 'approve');
			expect(await onBoard(`First ${RUN}`)).toEqual([`First ${RUN}`]);
			const second = await post(newcomer.id, `Second ${RUN}`);
			expect((await db.post.findUniqueOrThrow({ where: { id: second } })).status).toBe('OPEN');
		} finally {
			await db.network.update({ where: { id: network.id }, data: { holdFirstPosts: false } });
		}
	});

	it('tells the poster, in her language, that her post was hidden and why', async () => {
		const poster = await person('Hidden');
		await db.user.update({ where: { id: poster.id }, data: { uiLocale: 'es' } });
		const moderator = await person('Mod');
		const postId = await post(poster.id, `Hide me ${RUN}`);

		await moderate(moderator.id, postId, 'hide', { reason: 'Pide dinero', origin: 'https://each.test' });

		const mails = await db.outboxMessage.findMany({ where: { toAddress: poster.email! } });
		expect(mails).toEqual([
			expect.objectContaining({ subject: `Ocultaron tu publicación «Hide me ${RUN}»` })
		]);
		expect(mails[0]!.text).toContain('Pide dinero');
		expect(mails[0]!.text).toContain(`https://each.test/posts/${postId}`);
		// Hiding it again fails, and the failed action mails nothing.
		await expect(moderate(moderator.id, postId, 'hide', { reason: 'Again' })).rejects.toThrow();
		expect(await db.outboxMessage.count({ where: { toAddress: poster.email! } })).toBe(1);
	});
});

describe('report digest', () => {
	let networks = 0;
	async function networkWithPosts(count: number) {
		const suffix = networks++ ? ` ${networks}` : '';
		const network = await db.network.create({
			data: { name: `Digest ${RUN}${suffix}`, slug: `digest-${RUN}-${networks}` }
		});
		const neighborhood = await db.neighborhood.findFirstOrThrow({ where: { ntaType: 'RESIDENTIAL' } });
		const author = await person('Author');
		const later = new Date(Date.now() + 7 * 864e5);
		const posts = [];
		for (let i = 0; i < count; i++) {
			posts.push(
				await db.post.create({
					data: {
						kind: 'NEED',
						title: `Digest post ${i} ${RUN}`,
						details: '',
						category: 'MEALS',
						timeWindow: 'THIS_WEEK',
						dueAt: later,
						expiresAt: later,
						authorId: author.id,
						networkId: network.id,
						neighborhoodId: neighborhood.id
					}
				})
			);
		}
		return { network, posts };
	}

	it('mails each moderator and organizer one digest per batch of new reports, once', async () => {
		const { network, posts } = await networkWithPosts(2);
		const moderator = await person('DigestMod');
		await db.user.update({ where: { id: moderator.id }, data: { uiLocale: 'es' } });
		const organizer = await person('DigestOrg');
		const bystander = await person('Bystander');
		await db.networkMembership.createMany({
			data: [
				{ userId: moderator.id, networkId: network.id, role: 'MODERATOR' },
				{ userId: organizer.id, networkId: network.id, role: 'ORGANIZER' }
			]
		});
		const report = (postId: number) => submitReport(bystander.id, postId, { reason: 'SPAM', note: 'spam' });
		await report(posts[0]!.id);
		await report(posts[0]!.id);
		await report(posts[1]!.id);
		const mailTo = (user: { email: string | null }) =>
			db.outboxMessage.findMany({ where: { toAddress: user.email! }, orderBy: { id: 'asc' } });

		await mailReportDigests('https://each.test');

		const [toModerator] = await mailTo(moderator);
		expect(await mailTo(moderator)).toHaveLength(1);
		expect(toModerator!.subject).toBe(`Reportes nuevos para revisar en Digest ${RUN}`);
		expect(toModerator!.text).toContain('3 reportes nuevos desde el último correo');
		expect(toModerator!.text).toContain('https://each.test/moderate');
		const toOrganizer = await mailTo(organizer);
		expect(toOrganizer.map((mail) => mail.subject)).toEqual([`New reports to review in Digest ${RUN}`]);
		expect(await mailTo(bystander)).toEqual([]);

		await mailReportDigests('https://each.test');
		expect(await mailTo(moderator)).toHaveLength(1);
		expect(await mailTo(organizer)).toHaveLength(1);

		await report(posts[1]!.id);
		await mailReportDigests('https://each.test');
		const again = await mailTo(organizer);
		expect(again).toHaveLength(2);
		expect(again[1]!.text).toContain('1 new report since the last email.');
	});

	it('counts only the reports still open, and mails nobody when all were already dealt with', async () => {
		const { network, posts } = await networkWithPosts(1);
		const moderator = await person('DigestOpen');
		await db.networkMembership.create({
			data: { userId: moderator.id, networkId: network.id, role: 'MODERATOR' }
		});
		const reporter = await person('Reporter');
		const report = () => submitReport(reporter.id, posts[0]!.id, { reason: 'SPAM', note: 'spam' });
		const resolveAll = () =>
			db.report.updateMany({
				where: { postId: posts[0]!.id, status: 'OPEN' },
				data: { status: 'DISMISSED', resolvedAt: new Date() }
			});
		const mails = () => db.outboxMessage.findMany({ where: { toAddress: moderator.email! } });
		await report();
		await resolveAll();
		await report();

		await mailReportDigests('https://each.test');
		expect((await mails()).map((mail) => mail.text.includes('1 new report since the last email.'))).toEqual([
			true
		]);

		await report();
		await resolveAll();
		await mailReportDigests('https://each.test');
		expect(await mails()).toHaveLength(1);
		expect(await db.report.count({ where: { postId: posts[0]!.id, notifiedAt: null } })).toBe(0);
	});
});
