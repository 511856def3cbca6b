import { render } from 'svelte/server';
import { describe, expect, it } from 'vitest';
import NeighborhoodMap from '$lib/components/NeighborhoodMap.svelte';
import { MAP_VIEWBOX, neighborhoodMap, type MapShape } from './map.ts';

const [minX = 0, minY = 0, width = 0, height = 0] = MAP_VIEWBOX.split(' ').map(Number);

function bounds(shape: MapShape) {
	const numbers = (shape.d.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
	const xs = numbers.filter((_, i) => i % 2 === 0);
	const ys = numbers.filter((_, i) => i % 2 === 1);
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

	it('draws absolute paths inside the viewBox', () => {
		for (const shape of shapes) {
			expect(shape.d, shape.slug).toMatch(/^M/);
			expect(shape.d, shape.slug).toMatch(/^[MLZ\d.,-]+$/);
			const { x0, x1, y0, y1 } = bounds(shape);
			expect(x0, shape.slug).toBeGreaterThanOrEqual(minX - 1);
			expect(y0, shape.slug).toBeGreaterThanOrEqual(minY - 1);
			expect(x1, shape.slug).toBeLessThanOrEqual(minX + width + 1);
			expect(y1, shape.slug).toBeLessThanOrEqual(minY + height + 1);
		}
	});

	it('draws a neighborhood as a small shape, not the whole map', () => {
		const bushwick = shapes.find((s) => s.slug === 'bushwick-west');
		expect(bushwick?.name).toBe('Bushwick (West)');
		const { x0, x1, y0, y1 } = bounds(bushwick!);
		expect((x1 - x0) * (y1 - y0)).toBeLessThan((width * height) / 20);
	});
});

describe('NeighborhoodMap', () => {
	const shapes = neighborhoodMap();

	it('is an image with the same viewBox the paths were drawn for', () => {
		const { body } = render(NeighborhoodMap, {
			props: { shapes, title: 'Where Bushwick Ayuda Mutua helps', highlighted: ['bushwick-west'] }
		});
		expect(body).toContain(`viewBox="${MAP_VIEWBOX}"`);
		expect(body).toMatch(/<svg[^>]*role="img"/);
		expect(body).not.toContain('<a ');
		expect(body).toContain('Where Bushwick Ayuda Mutua helps</title>');
	});

	it('links every residential neighborhood by name when it is a picker', () => {
		const { body } = render(NeighborhoodMap, {
			props: { shapes, title: 'Pick a neighborhood', linkNeighborhoods: true, current: 'bushwick-west' }
		});
		expect(body).toMatch(/<svg[^>]*role="group"/);
		expect(body.match(/<a /g)).toHaveLength(112);
		expect(body).toContain(
			'href="/neighborhoods/bushwick-west" aria-label="Bushwick (West)" aria-current="page"'
		);
		expect(body).not.toContain('href="/neighborhoods/prospect-park"');
		expect(body.match(/<path[^>]*aria-hidden="true"/g)).toHaveLength(39);
	});
});
