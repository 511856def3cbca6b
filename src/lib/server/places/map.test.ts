import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import NeighborhoodMap from '$lib/components/NeighborhoodMap.svelte';
import { referenceDataChanged } from './cache.ts';
import { MAP_VIEWBOX, compactPath, mapIndex, mapMarkup, neighborhoodMap, type MapShape } from './map.ts';

const [minX = 0, minY = 0, width = 0, height = 0] = MAP_VIEWBOX.split(' ').map(Number);

/** The points a path visits, in absolute coordinates (its M and relative l commands). */
function points(d: string) {
	const visited: [number, number][] = [];
	let [x, y] = [0, 0];
	for (const [, command, numbers] of d.matchAll(/([Ml])([^Mlz]*)/g)) {
		const values = (numbers!.match(/-?\d+/g) ?? []).map(Number);
		for (let i = 0; i < values.length; i += 2) {
			[x, y] = command === 'M' ? [values[i]!, values[i + 1]!] : [x + values[i]!, y + values[i + 1]!];
			visited.push([x, y]);
		}
	}
	return visited;
}

function bounds(shape: MapShape) {
	const xs = points(shape.d).map(([x]) => x);
	const ys = points(shape.d).map(([, y]) => y);
	return { x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) };
}

describe('neighborhoodMap', () => {
	const shapes = neighborhoodMap();

	it('has every Brooklyn and Queens neighborhood, with unique slugs', () => {
		expect(shapes).toHaveLength(151);
		expect(new Set(shapes.map((s) => s.slug)).size).toBe(151);
		const residential = shapes.filter((s) => s.residential);
		expect(residential).toHaveLength(112);
		expect(residential.filter((s) => s.borough === 'Brooklyn')).toHaveLength(53);
		expect(residential.filter((s) => s.borough === 'Queens')).toHaveLength(59);
	});

	it('is computed once', () => {
		expect(neighborhoodMap()).toBe(shapes);
	});

	it('draws each outline as whole-unit relative moves inside the viewBox, 19 KB for all of them', () => {
		for (const shape of shapes) {
			expect(shape.d, shape.slug).toMatch(/^(M\d+ \d+l[\d -]+z)+$/);
			const { x0, x1, y0, y1 } = bounds(shape);
			expect(x0, shape.slug).toBeGreaterThanOrEqual(minX - 1);
			expect(y0, shape.slug).toBeGreaterThanOrEqual(minY - 1);
			expect(x1, shape.slug).toBeLessThanOrEqual(minX + width + 1);
			expect(y1, shape.slug).toBeLessThanOrEqual(minY + height + 1);
		}
		expect(shapes.reduce((bytes, shape) => bytes + shape.d.length, 0)).toBeLessThan(20_000);
	});

	it('keeps each point of d3’s path within rounding of where d3 put it, with no drift along a ring', () => {
		const d3 = 'M10.4,20.6L12.2,20.6L12.4,19.4L15.5,25.5L10.4,20.6ZM100,100L98.6,97.2L102,93Z';
		expect(compactPath(d3)).toBe('M10 21l2 0 0-2 4 7-6-5zM100 100l-1-3 3-4z');
		expect(points(compactPath(d3))).toEqual([
			[10, 21],
			[12, 21],
			[12, 19],
			[16, 26],
			[10, 21],
			[100, 100],
			[99, 97],
			[102, 93]
		]);
	});

	it('draws a neighborhood as a small shape, not the whole map', () => {
		const bushwick = shapes.find((s) => s.slug === 'bushwick-west');
		expect(bushwick?.name).toBe('Bushwick (West)');
		const { x0, x1, y0, y1 } = bounds(bushwick!);
		expect((x1 - x0) * (y1 - y0)).toBeLessThan((width * height) / 20);
	});
});

describe('NeighborhoodMap', () => {
	it('is an image with the same viewBox the paths were drawn for', async () => {
		const markup = await mapMarkup({ highlighted: ['bushwick-west'] });
		const { body } = render(NeighborhoodMap, {
			props: { markup, title: 'Where Bushwick Ayuda Mutua helps' }
		});
		expect(body).toContain(`viewBox="${MAP_VIEWBOX}"`);
		expect(body).toMatch(/<svg[^>]*role="img"/);
		expect(body).not.toContain('<a ');
		expect(body).toContain('Where Bushwick Ayuda Mutua helps</title>');
		expect(body.match(/class="highlighted"/g)).toHaveLength(1);
		expect(body).toMatch(/<path class="highlighted" d="M[^"]+"><title>Bushwick \(West\)<\/title><\/path>/);
	});

	it('links every residential neighborhood by name when it is a picker', async () => {
		const markup = await mapMarkup({ linkNeighborhoods: true });
		const { body } = render(NeighborhoodMap, {
			props: { markup, title: 'Pick a neighborhood', linkNeighborhoods: true }
		});
		expect(body).toMatch(/<svg[^>]*role="group"/);
		expect(body.match(/<a /g)).toHaveLength(112);
		expect(body).toContain('href="/neighborhoods/bushwick-west" aria-label="Bushwick (West)"');
		expect(body).not.toContain('href="/neighborhoods/prospect-park"');
		expect(body.match(/<path[^>]*aria-hidden="true"/g)).toHaveLength(39);
	});

	it('draws each variant once and keeps it with the reference data', async () => {
		const first = await mapMarkup({ highlighted: ['kensington', 'bushwick-west'] });
		expect(await mapMarkup({ highlighted: ['bushwick-west', 'kensington'] })).toBe(first);
		referenceDataChanged();
		const redrawn = await mapMarkup({ highlighted: ['bushwick-west', 'kensington'] });
		expect(redrawn).toEqual(first);
		expect(await mapMarkup({ highlighted: ['kensington'] })).not.toEqual(first);
	});

	it('escapes the names it writes', async () => {
		expect(await mapMarkup({ linkNeighborhoods: true })).not.toMatch(/aria-label="[^"]*[<>&'][^"]*"/);
	});
});

describe('mapIndex', () => {
	it("lists each borough's residential neighborhoods by name, once per process", () => {
		const [brooklyn, queens] = mapIndex();
		expect(brooklyn?.neighborhoods).toHaveLength(53);
		expect(queens?.neighborhoods).toHaveLength(59);
		const names = brooklyn!.neighborhoods.map((n) => n.name);
		expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en')));
		expect(mapIndex()).toBe(mapIndex());
	});
});
