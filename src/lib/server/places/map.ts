// Neighborhood outlines as SVG paths, drawn on the server so the map needs no tile server and no client JS.
import { readFileSync } from 'node:fs';
import { geoIdentity, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { projectPath } from '../config.ts';
import { escapeHtml } from '../http/html.ts';
import { cachedReference } from './cache.ts';

export interface MapShape {
	slug: string;
	name: string;
	borough: 'Brooklyn' | 'Queens';
	/** False for parks, cemeteries, airports and other places nobody posts from. */
	residential: boolean;
	/** SVG path data in MAP_VIEWBOX coordinates (compactPath). */
	d: string;
}

interface NtaProperties {
	slug: string;
	ntaname: string;
	boroname: string;
	ntatype: string;
}

type Nta = Feature<MultiPolygon, NtaProperties>;

// Brooklyn and Queens together are square once longitude is corrected for latitude (see X_SCALE).
const WIDTH = 600;
const HEIGHT = 600;
// Keeps the outer strokes inside the viewBox.
const MARGIN = 4;
export const MAP_VIEWBOX = `0 0 ${WIDTH} ${HEIGHT}`;

// The two boroughs span a third of a degree of latitude, so plotting lon/lat on a plane with longitude
// shrunk by cos(latitude) is indistinguishable from a conformal projection. Unlike d3's spherical
// projections, planar drawing does not care that the file winds its rings the RFC 7946 way.
const X_SCALE = Math.cos((40.67 * Math.PI) / 180);

let shapes: MapShape[] | undefined;

/** Every Brooklyn and Queens neighborhood (NTA 2020), residential or not; computed once per process. */
export function neighborhoodMap(): MapShape[] {
	shapes ??= buildMap();
	return shapes;
}

function buildMap(): MapShape[] {
	const source = JSON.parse(
		readFileSync(projectPath('prisma/data', 'nta2020_bk_qn_simplified.geojson'), 'utf8')
	) as FeatureCollection<MultiPolygon, NtaProperties>;
	const planar: FeatureCollection<MultiPolygon, NtaProperties> = {
		type: 'FeatureCollection',
		features: source.features.map((feature) => ({
			...feature,
			geometry: {
				type: 'MultiPolygon',
				coordinates: feature.geometry.coordinates.map((polygon) =>
					polygon.map((ring) => ring.map(([lon, lat]) => [lon! * X_SCALE, lat!]))
				)
			}
		}))
	};
	const projection = geoIdentity()
		.reflectY(true)
		.fitExtent(
			[
				[MARGIN, MARGIN],
				[WIDTH - MARGIN, HEIGHT - MARGIN]
			],
			planar
		);
	const path = geoPath(projection);
	return planar.features.map((feature) => toShape(feature, path(feature)));
}

/**
 * d3's absolute path data, at a tenth of a unit, was 50 KB of every home and network page. Whole units
 * of the 600-unit map (finer than a pixel at the size it is shown), in relative moves where most steps
 * are a digit or two, are 19 KB for the same 151 outlines.
 */
export function compactPath(d: string): string {
	let out = '';
	let [x, y] = [0, 0];
	for (const [, command, numbers] of d.matchAll(/([MLZ])([^MLZ]*)/g)) {
		if (command === 'Z') {
			out += 'z';
			continue;
		}
		const [px = 0, py = 0] = numbers!.split(',').map((n) => Math.round(Number(n)));
		if (command === 'M') {
			out += `M${px} ${py}l`;
		} else if (px !== x || py !== y) {
			const [dx, dy] = [px - x, py - y];
			// A minus sign separates numbers by itself.
			out += `${out.endsWith('l') || dx < 0 ? '' : ' '}${dx}${dy < 0 ? '' : ' '}${dy}`;
		}
		[x, y] = [px, py];
	}
	return out.replaceAll('lz', 'z');
}

function toShape(feature: Nta, d: string | null): MapShape {
	const { slug, ntaname, boroname, ntatype } = feature.properties;
	if (boroname !== 'Brooklyn' && boroname !== 'Queens') {
		throw new Error(`Neighborhood ${slug} is in ${boroname}, not Brooklyn or Queens`);
	}
	if (!d) throw new Error(`Neighborhood ${slug} has no outline`);
	return { slug, name: ntaname, borough: boroname, residential: ntatype === '0', d: compactPath(d) };
}

let index: { name: string; slug: string; neighborhoods: { name: string; slug: string }[] }[] | undefined;

/**
 * The map's text equivalent, each borough's residential neighborhoods by name. From the same outlines
 * (read once from disk, no query), so the map and the list always name the same places.
 */
export function mapIndex() {
	index ??= (['Brooklyn', 'Queens'] as const).map((borough) => ({
		name: borough,
		slug: borough.toLowerCase(),
		neighborhoods: neighborhoodMap()
			.filter((shape) => shape.residential && shape.borough === borough)
			.map(({ name, slug }) => ({ name, slug }))
			.sort((a, b) => a.name.localeCompare(b.name, 'en'))
	}));
	return index;
}

export interface MapOptions {
	/** A picker: each residential neighborhood links to its page. */
	linkNeighborhoods?: boolean;
	/** Slugs drawn in the accent colour (a network's coverage). */
	highlighted?: readonly string[];
}

/**
 * The inside of the map's <svg>: 151 outlines, about 35 KB. Written once per variant (the home page's
 * picker, each network's coverage) and kept with the reference data, whose edits and TTL refresh it,
 * rather than rendered path by path on every request.
 */
export function mapMarkup({ linkNeighborhoods = false, highlighted = [] }: MapOptions = {}): Promise<string> {
	const marked = [...highlighted].sort();
	const key = `map:${linkNeighborhoods ? 'links' : 'image'}:${marked.join(',')}`;
	return cachedReference(key, async () => drawMap(linkNeighborhoods, new Set(marked)));
}

function drawMap(linkNeighborhoods: boolean, highlighted: Set<string>): string {
	return neighborhoodMap()
		.map((shape) => {
			const name = escapeHtml(shape.name);
			if (!shape.residential) return `<path class="nonresidential" d="${shape.d}" aria-hidden="true"/>`;
			const path = `<path${highlighted.has(shape.slug) ? ' class="highlighted"' : ''} d="${shape.d}"`;
			return linkNeighborhoods
				? `<a href="/neighborhoods/${shape.slug}" aria-label="${name}"><title>${name}</title>${path}/></a>`
				: `${path}><title>${name}</title></path>`;
		})
		.join('');
}
