import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { normalizeUrl, seedPlaces } from './seed.ts';

let db: Database;

beforeAll(async () => {
	db = await useTestDatabase();
});

afterAll(disconnectDatabase);

const counts = async () => ({
	boroughs: await db.borough.count(),
	neighborhoods: await db.neighborhood.count(),
	networks: await db.network.count(),
	coverage: await db.networkCoverage.count()
});

describe('seedPlaces', () => {
	it('seeds the 53 Brooklyn and 59 Queens residential neighborhoods', async () => {
		const residential = await db.neighborhood.groupBy({
			by: ['boroughId'],
			where: { ntaType: 'RESIDENTIAL' },
			_count: true,
			orderBy: { boroughId: 'asc' }
		});
		expect(residential.map((r) => [r.boroughId, r._count])).toEqual([
			[3, 53],
			[4, 59]
		]);
		// Parks, cemeteries and airports are kept for the map but take no posts.
		expect(await db.neighborhood.count({ where: { ntaType: { not: 'RESIDENTIAL' } } })).toBe(39);
	});

	it('lists every network as unverified with its sources and coverage', async () => {
		// Counted by their sources, since other test files add networks of their own to this database.
		expect(await db.network.count({ where: { sourceUrls: { isEmpty: false } } })).toBe(42);
		// Only organizers verify a network (editing it in the app); the directory never does.
		expect(await db.network.count({ where: { status: 'VERIFIED', editedAt: null } })).toBe(0);
		const bam = await db.network.findUniqueOrThrow({
			where: { slug: 'bushwick-ayuda-mutua' },
			include: { coverage: { include: { neighborhood: true } }, borough: true }
		});
		expect(bam.borough?.name).toBe('Brooklyn');
		expect(bam.websiteUrl).toBe('https://bushwickayudamutua.com/');
		expect(bam.sourceUrls).toContain('https://www.thisbushwicklife.com/bushwickayudamutua');
		expect(bam.coverage.map((c) => c.neighborhood.slug).sort()).toEqual(['bushwick-east', 'bushwick-west']);
		expect(await db.networkCoverage.count()).toBe(80);
		const citywide = await db.network.findUniqueOrThrow({ where: { slug: 'mutual-aid-nyc' } });
		expect(citywide.boroughId).toBeNull();
	});

	it('is idempotent', async () => {
		const before = await counts();
		await seedPlaces();
		await seedPlaces();
		expect(await counts()).toEqual(before);
	});

	it('refreshes rows nobody edited but never overwrites an edited one', async () => {
		await db.network.update({ where: { slug: 'red-hook-mutual-aid' }, data: { name: 'Stale name' } });
		await db.network.update({
			where: { slug: 'lic-relief' },
			data: { name: 'LIC Relief (run by its organizers)', editedAt: new Date() }
		});
		const lic = await db.network.findUniqueOrThrow({
			where: { slug: 'lic-relief' },
			include: { coverage: true }
		});
		await db.networkCoverage.deleteMany({ where: { networkId: lic.id } });
		await db.neighborhood.update({
			where: { slug: 'greenpoint' },
			data: { name: 'Greenpoint (edited)', editedAt: new Date() }
		});

		await seedPlaces();

		expect((await db.network.findUniqueOrThrow({ where: { slug: 'red-hook-mutual-aid' } })).name).toBe(
			'Red Hook Mutual Aid (RHMA)'
		);
		expect((await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } })).name).toBe(
			'LIC Relief (run by its organizers)'
		);
		expect(await db.networkCoverage.count({ where: { networkId: lic.id } })).toBe(0);
		expect((await db.neighborhood.findUniqueOrThrow({ where: { slug: 'greenpoint' } })).name).toBe(
			'Greenpoint (edited)'
		);

		// Clearing the edit mark hands the rows back to the directory data.
		await db.network.update({ where: { slug: 'lic-relief' }, data: { editedAt: null } });
		await db.neighborhood.update({ where: { slug: 'greenpoint' }, data: { editedAt: null } });
		await seedPlaces();
		expect((await db.network.findUniqueOrThrow({ where: { slug: 'lic-relief' } })).name).toBe('LIC Relief');
		expect(await db.networkCoverage.count({ where: { networkId: lic.id } })).toBe(2);
		expect((await db.neighborhood.findUniqueOrThrow({ where: { slug: 'greenpoint' } })).name).toBe(
			'Greenpoint'
		);
	});
});

describe('normalizeUrl', () => {
	it.each([
		['', null],
		['  ', null],
		['bit.ly/greenpointstrong', 'https://bit.ly/greenpointstrong'],
		['http://bit.ly/phwcov19', 'http://bit.ly/phwcov19'],
		['https://www.astoriamutualaid.com', 'https://www.astoriamutualaid.com']
	])('%j becomes %j', (raw, expected) => {
		expect(normalizeUrl(raw)).toBe(expected);
	});
});
