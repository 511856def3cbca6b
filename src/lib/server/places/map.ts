// Neighborhood outlines as SVG paths, drawn on the server so the map needs no tile server and no client JS.
import { readFileSync } from 'node:fs';
import { geoIdentity, geoPath } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPolygon } from 'geojson';
import { projectPath } from '../config.ts';

export interface MapShape {
	slug: string;
	name: string;
	borough: 'Brooklyn' | 'Queens';
	/** False for parks, cemeteries, airports and other places nobody posts from. */
	residential: boolean;
	/** SVG path data in MAP_VIEWBOX coordinates. */
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
	const path = geoPath(projection).digits(1);
	return planar.features.map((feature) => toShape(feature, path(feature)));
}

function toShape(feature: Nta, d: string | null): MapShape {
	const { slug, ntaname, boroname, ntatype } = feature.properties;
	if (boroname !== 'Brooklyn' && boroname !== 'Queens') {
		throw new Error(`Neighborhood ${slug} is in ${boroname}, not Brooklyn or Queens`);
	}
	if (!d) throw new Error(`Neighborhood ${slug} has no outline`);
	return { slug, name: ntaname, borough: boroname, residential: ntatype === '0', d };
}
