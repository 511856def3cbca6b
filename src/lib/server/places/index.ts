// Read access to boroughs, neighborhoods and networks: the places every post is scoped to.
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import { cachedReference } from './cache.ts';

const networkSummary = {
	id: true,
	name: true,
	slug: true,
	status: true,
	websiteUrl: true,
	inactiveSince: true,
	pausedUntil: true,
	borough: { select: { name: true } }
} as const;

/** Not marked no longer active: an inactive network keeps its page and its posts but takes nothing new. */
export const ACTIVE = { inactiveSince: null } as const satisfies Prisma.NetworkWhereInput;

/**
 * The networks that take new posts at `now`: active and not paused. A pause ends by itself when its
 * date comes (networks/pause.ts), with nothing to run, so the moment is part of the question.
 */
export const takingPosts = (now = new Date()) =>
	({
		...ACTIVE,
		AND: [{ OR: [{ pausedUntil: null }, { pausedUntil: { lte: now } }] }]
	}) satisfies Prisma.NetworkWhereInput;

/** Paused at `now`: active, but not taking new requests until its date. */
export const isPaused = (network: { pausedUntil: Date | null }, now = new Date()) =>
	network.pausedUntil !== null && network.pausedUntil > now;

/** Brooklyn and Queens, each with the residential neighborhoods people can post in. */
export function listBoroughsWithNeighborhoods() {
	return cachedReference('boroughs', () =>
		db.borough.findMany({
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
		})
	);
}

/** The same, with ids, for forms that store a neighborhood by id. */
export function listBoroughsWithNeighborhoodIds() {
	return cachedReference('boroughs-with-ids', () =>
		db.borough.findMany({
			orderBy: { name: 'asc' },
			select: {
				name: true,
				neighborhoods: {
					where: { ntaType: 'RESIDENTIAL' },
					orderBy: { name: 'asc' },
					select: { id: true, name: true }
				}
			}
		})
	);
}

/** A poster choosing between networks needs to know what each does, in which languages, and how to reach it. */
const routedNetwork = { ...networkSummary, description: true, hotline: true, languages: true } as const;

type Reader = typeof db | Prisma.TransactionClient;

export type RoutedNetwork = Prisma.NetworkGetPayload<{ select: typeof routedNetwork }> & {
	/** Serves the neighborhood only because no local network is known there. */
	fallback: boolean;
};

/**
 * Which networks may take a post in each neighborhood, by neighborhood id: the local networks taking
 * posts that cover it, or, where none does, those with no neighborhood list that serve its borough or
 * (having no borough) the whole city. A neighborhood whose local networks have all stopped or paused is
 * served as one that never had any.
 */
export async function networksTaking(neighborhoodIds: number[], reader: Reader = db, now = new Date()) {
	return route(neighborhoodIds, reader, takingPosts(now));
}

async function route(neighborhoodIds: number[], reader: Reader, taking: Prisma.NetworkWhereInput) {
	const neighborhoods = await reader.neighborhood.findMany({
		where: { id: { in: neighborhoodIds } },
		select: {
			id: true,
			boroughId: true,
			coverage: {
				where: { network: taking },
				orderBy: { network: { name: 'asc' } },
				select: { network: { select: routedNetwork } }
			}
		}
	});
	const wide = await reader.network.findMany({
		where: {
			...taking,
			coverage: { none: {} },
			OR: [{ boroughId: { in: neighborhoods.map((n) => n.boroughId) } }, { boroughId: null }]
		},
		orderBy: [{ boroughId: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
		select: { ...routedNetwork, boroughId: true }
	});
	const routes = new Map<number, RoutedNetwork[]>();
	for (const { id, boroughId, coverage } of neighborhoods) {
		const local = coverage.map(({ network }) => ({ ...network, fallback: false }));
		const fallback = wide
			.filter((network) => network.boroughId === boroughId || network.boroughId === null)
			.map(({ boroughId: _, ...network }) => ({ ...network, fallback: true }));
		routes.set(id, local.length ? local : fallback);
	}
	return routes;
}

/**
 * The networks a poster may choose from, those that work in a language she speaks first (each marked),
 * the rest after in the order they came: she can then talk with the people who take her post.
 */
export function speakingFirst<N extends { languages: string[] }>(networks: N[], spoken: readonly string[]) {
	const marked = networks.map((network) => ({
		...network,
		speaksYours: network.languages.some((language) => spoken.includes(language))
	}));
	return [...marked.filter((n) => n.speaksYours), ...marked.filter((n) => !n.speaksYours)];
}

/** networksTaking for one neighborhood. */
export async function networksTakingPostsIn(neighborhoodId: number, reader: Reader = db, now = new Date()) {
	return (await networksTaking([neighborhoodId], reader, now)).get(neighborhoodId) ?? [];
}

/**
 * The paused networks that would take a post in a neighborhood were they not paused: the ones whose
 * pause a poster there should hear about, and whose moderators cannot file intake there meanwhile.
 */
export async function pausedNetworksIn(neighborhoodId: number, reader: Reader = db, now = new Date()) {
	const routed = (await route([neighborhoodId], reader, ACTIVE)).get(neighborhoodId) ?? [];
	return routed.filter((network) => isPaused(network, now));
}

// A neighborhood page lists its networks as the network list does, so it gets only what that list shows.
const summaryOf = ({ id, name, slug, status, websiteUrl, pausedUntil, borough }: RoutedNetwork) => ({
	id,
	name,
	slug,
	status,
	websiteUrl,
	pausedUntil,
	borough
});

export async function getNeighborhood(slug: string) {
	const neighborhood = await db.neighborhood.findUnique({
		where: { slug },
		select: {
			id: true,
			name: true,
			slug: true,
			ntaCode: true,
			communityDistrict: true,
			ntaType: true,
			borough: { select: { name: true, slug: true } }
		}
	});
	if (!neighborhood) return null;
	const { id, ...rest } = neighborhood;
	// A paused local network is still this neighborhood's, listed with its pause; the wider networks
	// taking its posts meanwhile are listed as the fallback they are.
	const [active, taking] = await Promise.all([route([id], db, ACTIVE), networksTakingPostsIn(id)]);
	return {
		...rest,
		networks: (active.get(id) ?? []).filter((network) => !network.fallback).map(summaryOf),
		fallbackNetworks: taking.filter((network) => network.fallback).map(summaryOf)
	};
}

function findNetworks(where: Prisma.NetworkWhereInput) {
	return db.network.findMany({
		where,
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

/** Every network, or those matching `where`; the whole list comes from memory (see cache.ts). */
export function listNetworks(where?: Prisma.NetworkWhereInput) {
	return where ? findNetworks(where) : cachedReference('networks', () => findNetworks({}));
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

/**
 * Active networks by borough: Brooklyn's, then Queens', then citywide ones (borough null); networks no
 * longer active apart, so nobody looking for help reaches for one first.
 */
export async function listNetworksByBorough() {
	type Listed = Awaited<ReturnType<typeof listNetworks>>[number];
	const groups: { borough: string | null; networks: Listed[] }[] = [];
	const inactive: Listed[] = [];
	for (const network of await listNetworks()) {
		if (network.inactiveSince) {
			inactive.push(network);
			continue;
		}
		const borough = network.borough?.name ?? null;
		const last = groups.at(-1);
		if (last && last.borough === borough) last.networks.push(network);
		else groups.push({ borough, networks: [network] });
	}
	return { groups, inactive };
}
