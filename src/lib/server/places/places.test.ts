import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { getNeighborhood, getNetwork, listBoroughsWithNeighborhoods, listNetworks } from './index.ts';

beforeAll(useTestDatabase);
afterAll(disconnectDatabase);

describe('places', () => {
	it('lists Brooklyn and Queens with their residential neighborhoods in name order', async () => {
		const boroughs = await listBoroughsWithNeighborhoods();
		expect(boroughs.map((b) => [b.name, b.neighborhoods.length])).toEqual([
			['Brooklyn', 53],
			['Queens', 59]
		]);
		const names = boroughs[0]!.neighborhoods.map((n) => n.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		expect(names).not.toContain('Prospect Park');
	});

	it('names the networks that cover a neighborhood', async () => {
		const bushwick = await getNeighborhood('bushwick-west');
		expect(bushwick?.borough.name).toBe('Brooklyn');
		expect(bushwick?.networks.map((n) => n.slug)).toEqual([
			'bushwick-ayuda-mutua',
			'bushwick-mutual-aid',
			'ggs-social-trade-and-treasure-club'
		]);
	});

	it('offers borough-wide and citywide networks where no local one is known', async () => {
		const bayRidge = await getNeighborhood('bay-ridge');
		expect(bayRidge?.networks).toEqual([]);
		const fallback = bayRidge!.fallbackNetworks.map((n) => n.slug);
		expect(fallback).toContain('brooklyn-shows-love');
		expect(fallback.at(-1)).toBe('mutual-aid-nyc');
		expect(fallback).not.toContain('queens-mutual-aid-network');
	});

	it('returns null for a neighborhood or network that does not exist', async () => {
		expect(await getNeighborhood('atlantis')).toBeNull();
		expect(await getNetwork('atlantis')).toBeNull();
	});

	it('groups networks by borough with citywide ones last', async () => {
		const networks = await listNetworks();
		expect(networks.at(-1)?.slug).toBe('mutual-aid-nyc');
		const astoria = await getNetwork('astoria-mutual-aid-network');
		expect(astoria?.status).toBe('LISTED');
		expect(astoria?.coverage).toHaveLength(4);
		expect(networks.findIndex((n) => n.borough?.name === 'Queens')).toBeGreaterThan(
			networks.findLastIndex((n) => n.borough?.name === 'Brooklyn')
		);
	});
});
