// Read access to boroughs, neighborhoods and networks: the places every post is scoped to.
import { db } from '../db/index.ts';

const networkSummary = {
	id: true,
	name: true,
	slug: true,
	status: true,
	websiteUrl: true,
	borough: { select: { name: true } }
} as const;

/** Brooklyn and Queens, each with the residential neighborhoods people can post in. */
export async function listBoroughsWithNeighborhoods() {
	return db.borough.findMany({
		orderBy: { name: 'asc' },
		select: {
			name: true,
			slug: true,
			neighborhoods: {
				where: { ntaType: 'RESIDENTIAL' },
				orderBy: { name: 'asc' },
				select: { name: true, slug: true }
			}
		}
	});
}

/** The same, with ids, for forms that store a neighborhood by id. */
export async function listBoroughsWithNeighborhoodIds() {
	return db.borough.findMany({
		orderBy: { name: 'asc' },
		select: {
			name: true,
			neighborhoods: {
				where: { ntaType: 'RESIDENTIAL' },
				orderBy: { name: 'asc' },
				select: { id: true, name: true }
			}
		}
	});
}

/** Networks with no neighborhood list serve a whole borough, or the whole city when they have no borough. */
async function wideNetworks(boroughId: number) {
	return db.network.findMany({
		where: { coverage: { none: {} }, OR: [{ boroughId }, { boroughId: null }] },
		orderBy: [{ boroughId: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
		select: networkSummary
	});
}

export async function getNeighborhood(slug: string) {
	const neighborhood = await db.neighborhood.findUnique({
		where: { slug },
		select: {
			name: true,
			slug: true,
			ntaCode: true,
			communityDistrict: true,
			ntaType: true,
			boroughId: true,
			borough: { select: { name: true, slug: true } },
			coverage: {
				orderBy: { network: { name: 'asc' } },
				select: { network: { select: networkSummary } }
			}
		}
	});
	if (!neighborhood) return null;
	const { coverage, boroughId, ...rest } = neighborhood;
	return {
		...rest,
		networks: coverage.map((c) => c.network),
		fallbackNetworks: await wideNetworks(boroughId)
	};
}

export async function listNetworks() {
	return db.network.findMany({
		orderBy: [{ boroughId: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
		select: {
			...networkSummary,
			coverage: {
				orderBy: { neighborhood: { name: 'asc' } },
				select: { neighborhood: { select: { name: true, slug: true } } }
			}
		}
	});
}

export async function getNetwork(slug: string) {
	return db.network.findUnique({
		where: { slug },
		select: {
			...networkSummary,
			hotline: true,
			languages: true,
			description: true,
			directoryNotes: true,
			sourceUrls: true,
			coverage: {
				orderBy: { neighborhood: { name: 'asc' } },
				select: { neighborhood: { select: { name: true, slug: true } } }
			}
		}
	});
}

/** Brooklyn's networks, then Queens', then citywide ones (borough null). */
export async function listNetworksByBorough() {
	const groups: { borough: string | null; networks: Awaited<ReturnType<typeof listNetworks>> }[] = [];
	for (const network of await listNetworks()) {
		const borough = network.borough?.name ?? null;
		const last = groups.at(-1);
		if (last && last.borough === borough) last.networks.push(network);
		else groups.push({ borough, networks: [network] });
	}
	return groups;
}
