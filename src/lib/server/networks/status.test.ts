import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { moderatedNetworks } from '../moderation/intake.ts';
import { listNetworksByBorough, networksTakingPostsIn, takingPosts } from '../places/index.ts';
import { setNetworkActive } from './status.ts';

let db: Database;
const RUN = Date.now().toString(36);
let network: { id: number; slug: string };
let bayRidge: number;
let organizer: { id: string };

beforeAll(async () => {
	db = await useTestDatabase();
	bayRidge = (await db.neighborhood.findUniqueOrThrow({ where: { slug: 'bay-ridge' } })).id;
	// Bay Ridge has no local network in the directory: this one becomes its only one. Marked edited so
	// the seed, which runs again for other test files, leaves its coverage alone.
	network = await db.network.create({
		data: {
			name: `Bay Ridge Neighbors ${RUN}`,
			slug: `bay-ridge-neighbors-${RUN}`,
			boroughId: 3,
			editedAt: new Date(),
			coverage: { create: { neighborhoodId: bayRidge } }
		}
	});
	organizer = await db.user.create({ data: { email: `status-org-${RUN}@example.org`, name: 'Org' } });
});

// Other test files expect Bay Ridge to have no local network.
afterAll(async () => {
	await db.networkCoverage.deleteMany({ where: { networkId: network.id } });
	await db.network.update({ where: { id: network.id }, data: { inactiveSince: new Date() } });
	await disconnectDatabase();
});

const routedIn = async (neighborhoodId: number) =>
	(await networksTakingPostsIn(neighborhoodId)).map((n) => ({ slug: n.slug, fallback: n.fallback }));

describe('an inactive network', () => {
	it('leaves routing: its only neighborhood falls back to the borough-wide and citywide networks, until it is active again', async () => {
		expect(await routedIn(bayRidge)).toEqual([{ slug: network.slug, fallback: false }]);

		expect(await setNetworkActive(organizer.id, network.id, false)).toBe(true);
		const fallback = await routedIn(bayRidge);
		expect(fallback.map((n) => n.slug)).not.toContain(network.slug);
		expect(fallback.map((n) => n.slug)).toEqual(
			expect.arrayContaining(['brooklyn-shows-love', 'mutual-aid-nyc'])
		);
		expect(fallback.every((n) => n.fallback)).toBe(true);

		expect(await setNetworkActive(organizer.id, network.id, true)).toBe(true);
		expect(await routedIn(bayRidge)).toEqual([{ slug: network.slug, fallback: false }]);
	});

	it('is left out where several networks cover a neighborhood, and as a citywide fallback', async () => {
		const bushwick = (await db.neighborhood.findUniqueOrThrow({ where: { slug: 'bushwick-west' } })).id;
		const local = await db.network.findUniqueOrThrow({ where: { slug: 'bushwick-ayuda-mutua' } });
		const citywide = await db.network.findUniqueOrThrow({ where: { slug: 'mutual-aid-nyc' } });
		try {
			for (const stopped of [local.id, citywide.id, network.id]) {
				await setNetworkActive(organizer.id, stopped, false);
			}
			expect((await routedIn(bushwick)).map((n) => n.slug)).toEqual([
				'bushwick-mutual-aid',
				'ggs-social-trade-and-treasure-club'
			]);
			const fallback = (await routedIn(bayRidge)).map((n) => n.slug);
			expect(fallback).toContain('brooklyn-shows-love');
			expect(fallback).not.toContain('mutual-aid-nyc');
		} finally {
			for (const stopped of [local.id, citywide.id, network.id]) {
				await setNetworkActive(organizer.id, stopped, true);
			}
		}
		expect((await routedIn(bushwick)).map((n) => n.slug)).toContain('bushwick-ayuda-mutua');
	});

	it('is listed apart on the network list, and not offered for intake, while its moderators still moderate it', async () => {
		await setNetworkActive(organizer.id, network.id, false);
		const { groups, inactive } = await listNetworksByBorough();
		expect(inactive.map((n) => n.slug)).toContain(network.slug);
		expect(groups.flatMap((g) => g.networks).map((n) => n.slug)).not.toContain(network.slug);

		const moderator = { isAdmin: false, memberships: [{ networkId: network.id }] };
		expect((await moderatedNetworks(moderator)).map((n) => n.id)).toEqual([network.id]);
		expect(await moderatedNetworks(moderator, takingPosts())).toEqual([]);
		await setNetworkActive(organizer.id, network.id, true);
	});

	it('is changed once for a form sent twice, and each change is in the network log', async () => {
		const earlier = await db.moderationLogEntry.count({ where: { networkId: network.id } });
		const since = new Date('2026-11-01T12:00:00Z');
		expect(await setNetworkActive(organizer.id, network.id, false, since)).toBe(true);
		expect(await setNetworkActive(organizer.id, network.id, false, new Date())).toBe(false);
		const row = await db.network.findUniqueOrThrow({ where: { id: network.id } });
		expect(row.inactiveSince).toEqual(since);
		expect(await setNetworkActive(organizer.id, network.id, true)).toBe(true);
		expect(await setNetworkActive(organizer.id, network.id, true)).toBe(false);

		const log = await db.moderationLogEntry.findMany({
			where: { networkId: network.id },
			orderBy: { id: 'asc' },
			skip: earlier,
			select: { action: true, actorId: true }
		});
		expect(log.map((entry) => entry.action)).toEqual(['deactivate', 'reactivate']);
		expect(new Set(log.map((entry) => entry.actorId))).toEqual(new Set([organizer.id]));
	});
});
