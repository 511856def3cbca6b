import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { seedPlaces } from '../places/seed.ts';
import { inviteModerator } from './moderators.ts';
import { decideOrganizerRequest, pendingOrganizerRequests, requestToOrganize } from './organizers.ts';
import { updateNetworkProfile } from './profile.ts';

let db: Database;
const RUN = Date.now().toString(36);
// Newest requests are on the last page; paginate() answers the last page for any number past the end.
const LAST_PAGE = 1_000_000;
beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

it('an approved organizer makes the network verified, edits it, and the seed leaves it alone', async () => {
	const organizer = await db.user.create({ data: { email: `org-${RUN}@example.org`, name: 'Org' } });
	const admin = await db.user.create({
		data: { email: `admin-${RUN}@example.org`, name: 'Admin', isAdmin: true }
	});
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'gowanus-mutual-aid' } });
	expect(network.status).toBe('LISTED');
	const greenpoint = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'greenpoint' } });
	const prospectPark = await db.neighborhood.findUniqueOrThrow({ where: { slug: 'prospect-park' } });

	expect(
		await requestToOrganize(organizer.id, network.id, {
			role: 'Coordinator',
			verification: 'Write to our Instagram'
		})
	).toEqual({ ok: true });
	expect(
		await requestToOrganize(organizer.id, network.id, { role: 'Again', verification: 'Again please' })
	).toEqual({ ok: false });
	const [request] = (await pendingOrganizerRequests(LAST_PAGE)).items.filter(
		(r) => r.user.email === organizer.email
	);
	await decideOrganizerRequest(admin.id, request!.id, true);

	expect((await db.network.findUniqueOrThrow({ where: { id: network.id } })).status).toBe('VERIFIED');
	expect(
		await db.networkMembership.findUnique({
			where: { userId_networkId: { userId: organizer.id, networkId: network.id } }
		})
	).toMatchObject({ role: 'ORGANIZER' });

	await updateNetworkProfile(organizer.id, network.id, {
		description: 'Buddy calls for elders',
		websiteUrl: 'https://redhook.example',
		hotline: '718 555 0123',
		smsNumber: null,
		holdFirstPosts: false,
		languages: ['en', 'es'],
		coverage: [greenpoint.id, prospectPark.id]
	});
	await seedPlaces();
	const after = await db.network.findUniqueOrThrow({
		where: { id: network.id },
		include: { coverage: true }
	});
	// Parks take no posts, so they are not covered; the seed does not put the old coverage back.
	expect(after.coverage.map((c) => c.neighborhoodId)).toEqual([greenpoint.id]);
	expect(after.languages).toEqual(['en', 'es']);
	expect(after).toMatchObject({
		description: 'Buddy calls for elders',
		hotline: '718 555 0123',
		status: 'VERIFIED'
	});
	const log = await db.moderationLogEntry.findMany({
		where: { networkId: network.id },
		orderBy: { id: 'asc' }
	});
	expect(log.map((e) => e.action)).toEqual(expect.arrayContaining(['verify', 'edit_profile']));
});

it('invites a moderator by email, creating the account the role waits in, and mails them', async () => {
	const organizer = await db.user.create({ data: { email: `org2-${RUN}@example.org`, name: 'Org' } });
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } });
	const email = `new-mod-${RUN}@example.org`;
	await inviteModerator(organizer.id, network.id, email, 'https://each.test');
	const invited = await db.user.findUniqueOrThrow({ where: { email }, include: { memberships: true } });
	expect(invited.memberships).toEqual([
		expect.objectContaining({ networkId: network.id, role: 'MODERATOR' })
	]);
	const mail = await db.outboxMessage.findFirstOrThrow({ where: { toAddress: email } });
	// A new account has no language yet, so the base one.
	expect(mail).toMatchObject({ subject: "You're invited to moderate LIC Relief on Each Other" });
	expect(mail.text).toContain('https://each.test/signin?next=/moderate');
});

it('invites someone who already has an account in their own language', async () => {
	const organizer = await db.user.create({ data: { email: `org3-${RUN}@example.org`, name: 'Org' } });
	const email = `es-mod-${RUN}@example.org`;
	await db.user.create({ data: { email, name: 'Lucía', uiLocale: 'es' } });
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } });
	await inviteModerator(organizer.id, network.id, email, 'https://each.test');
	const mail = await db.outboxMessage.findFirstOrThrow({ where: { toAddress: email } });
	expect(mail.subject).toBe('Te invitan a moderar LIC Relief en Each Other');
	expect(mail.text).toContain('https://each.test/signin?next=/moderate');
});

it('a rejected request changes nothing but the request', async () => {
	const person = await db.user.create({ data: { email: `hopeful-${RUN}@example.org` } });
	const admin = await db.user.create({ data: { email: `admin2-${RUN}@example.org`, isAdmin: true } });
	const network = await db.network.findUniqueOrThrow({ where: { slug: 'kensington-group-for-mutual-aid' } });
	await requestToOrganize(person.id, network.id, { role: 'Member', verification: 'Ask around' });
	const [request] = (await pendingOrganizerRequests(LAST_PAGE)).items.filter(
		(r) => r.user.email === person.email
	);
	await decideOrganizerRequest(admin.id, request!.id, false);
	expect((await db.network.findUniqueOrThrow({ where: { id: network.id } })).status).toBe('LISTED');
	expect(await db.networkMembership.count({ where: { userId: person.id } })).toBe(0);
});
