// The reference data cache: edits show at once on the instance that made them; a write elsewhere (another
// instance, here the database directly) shows once the copy expires.
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { updateNetworkProfile } from '../networks/profile.ts';
import { setNetworkActive } from '../networks/status.ts';
import { listNetworks, listNetworksByBorough } from './index.ts';

let db: Database;
const RUN = Date.now().toString(36);
let network: { id: number; slug: string };
let organizer: { id: string };

beforeAll(async () => {
	db = await useTestDatabase();
	// Edited, so the seed other test files run leaves it alone; no coverage, so it routes no posts.
	network = await db.network.create({
		data: { name: `Cache Test ${RUN}`, slug: `cache-test-${RUN}`, boroughId: 3, editedAt: new Date() }
	});
	organizer = await db.user.create({ data: { email: `cache-org-${RUN}@example.org`, name: 'Org' } });
});

afterAll(async () => {
	await db.network.update({ where: { id: network.id }, data: { inactiveSince: new Date() } });
	await disconnectDatabase();
});

const listed = async () => (await listNetworks()).find((n) => n.id === network.id);

it('shows an organizer their own edit at once', async () => {
	expect((await listed())?.websiteUrl).toBeNull();
	await updateNetworkProfile(organizer.id, network.id, {
		description: '',
		websiteUrl: `https://cache-${RUN}.example`,
		hotline: '',
		smsNumber: null,
		holdFirstPosts: false,
		languages: [],
		coverage: []
	});
	expect((await listed())?.websiteUrl).toBe(`https://cache-${RUN}.example`);

	await setNetworkActive(organizer.id, network.id, false);
	const { inactive } = await listNetworksByBorough();
	expect(inactive.map((n) => n.id)).toContain(network.id);
});

it('serves the list from memory, and sees another instance’s write once its copy expires', async () => {
	vi.useFakeTimers({ toFake: ['Date'] });
	try {
		expect((await listed())?.inactiveSince).not.toBeNull();
		await db.network.update({ where: { id: network.id }, data: { inactiveSince: null } });
		expect((await listed())?.inactiveSince).not.toBeNull();
		vi.setSystemTime(Date.now() + 31_000);
		expect((await listed())?.inactiveSince).toBeNull();
	} finally {
		vi.useRealTimers();
	}
});
