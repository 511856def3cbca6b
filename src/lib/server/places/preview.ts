// The pictures beside links to a neighborhood and a network: what it is, its name, and where.
import { m } from '$lib/paraglide/messages';
import type { PreviewCard } from '../preview-image/index.ts';
import { getNeighborhood, getNetwork } from './index.ts';

export async function neighborhoodCard(slug: string): Promise<PreviewCard | null> {
	const neighborhood = await getNeighborhood(slug);
	if (!neighborhood) return null;
	const networks = neighborhood.networks.length ? neighborhood.networks : neighborhood.fallbackNetworks;
	return {
		label: m.preview_label_neighborhood(),
		tone: 'place',
		title: neighborhood.name,
		lines: [neighborhood.borough.name, networks.map((network) => network.name).join(', ')].filter(Boolean),
		siteName: m.site_name()
	};
}

export async function networkCard(slug: string): Promise<PreviewCard | null> {
	const network = await getNetwork(slug);
	if (!network) return null;
	return {
		label: m.preview_label_network(),
		tone: 'place',
		title: network.name,
		lines: [
			network.borough?.name ?? m.area_citywide(),
			...(network.coverage.length ? [m.home_neighborhood_count({ count: network.coverage.length })] : [])
		],
		siteName: m.site_name()
	};
}
