// The network directory in Open Referral's Human Services Data Specification (HSDS 3.0), so other
// directories (Mutual Aid NYC's speaks HSDS) can take our listings instead of re-typing them. A network
// is an organization running one service, mutual aid, whose service areas are the neighborhoods it
// covers. Only what the network's own page shows goes out: name, description, website, hotline,
// languages, coverage — never a person, an email address or a post.
//
// Networks no longer active stay in the lists with their service's status "inactive": a directory that
// copied the listing before learns it closed, rather than seeing it vanish without a word.
import { v5 as uuidv5, validate as isUuid } from 'uuid';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { publicOrigin } from '../config.ts';
import { reads } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';
import { requestedPage } from '../http/pages.ts';

/** HSDS's version of the shape served, as the API's root says. */
export const HSDS_VERSION = '3.0';

// Every id is a UUIDv5 of a slug in this namespace, fixed for good: an id stays the same across restarts,
// reseeds and instances, so a directory that imported a listing finds it again.
const NAMESPACE = uuidv5('urn:each-other:hsds', uuidv5.URL);
const idOf = (...parts: string[]) => uuidv5(parts.join(':'), NAMESPACE);

const network = {
	name: true,
	slug: true,
	websiteUrl: true,
	description: true,
	directoryNotes: true,
	hotline: true,
	languages: true,
	inactiveSince: true,
	editedAt: true,
	createdAt: true,
	borough: { select: { name: true } },
	coverage: {
		orderBy: { neighborhood: { name: 'asc' } },
		select: {
			neighborhood: { select: { name: true, slug: true, ntaCode: true, borough: { select: { name: true } } } }
		}
	}
} as const satisfies Prisma.NetworkSelect;
type Network = Prisma.NetworkGetPayload<{ select: typeof network }>;

const organizationId = (slug: string) => idOf('organization', slug);
const serviceId = (slug: string) => idOf('service', slug);

function areaName(row: Network) {
	return row.borough?.name ?? m.area_citywide();
}

function organizationOf(row: Network, origin: string) {
	return {
		id: organizationId(row.slug),
		name: row.name,
		description:
			row.description ?? row.directoryNotes ?? m.hsds_organization_description({ area: areaName(row) }),
		...(row.websiteUrl ? { website: row.websiteUrl } : {}),
		// HSDS's persistent identifier for the organization: its page here, which keeps its address.
		uri: `${origin}/networks/${row.slug}`
	};
}

function serviceOf(row: Network, origin: string) {
	const id = serviceId(row.slug);
	const languageNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'code' });
	return {
		id,
		organization_id: organizationId(row.slug),
		name: m.hsds_service_name({ network: row.name }),
		description: m.hsds_service_description({ area: areaName(row) }),
		url: `${origin}/networks/${row.slug}`,
		status: row.inactiveSince ? 'inactive' : 'active',
		eligibility_description: m.hsds_service_eligibility(),
		fees_description: m.hsds_service_fees(),
		last_modified: (row.inactiveSince ?? row.editedAt ?? row.createdAt).toISOString(),
		phones: row.hotline
			? [{ id: idOf('phone', row.slug), service_id: id, number: row.hotline, type: 'voice' }]
			: [],
		service_areas: row.coverage.length
			? row.coverage.map(({ neighborhood }) => ({
					id: idOf('service-area', row.slug, neighborhood.slug),
					service_id: id,
					name: neighborhood.name,
					description: m.hsds_area_neighborhood({
						borough: neighborhood.borough.name,
						code: neighborhood.ntaCode
					}),
					uri: `${origin}/neighborhoods/${neighborhood.slug}`
				}))
			: // A borough-wide or citywide network covers no listed neighborhood: its area is its borough.
				[{ id: idOf('service-area', row.slug), service_id: id, name: areaName(row) }],
		languages: row.languages.map((code) => ({
			id: idOf('language', row.slug, code),
			service_id: id,
			name: languageNames.of(code) ?? code,
			code
		}))
	};
}

/** An organization with its service nested, as HSDS's `/organizations/{id}` answers. */
const fullOrganization = (row: Network, origin: string) => ({
	...organizationOf(row, origin),
	services: [serviceOf(row, origin)]
});

/** A service with its organization nested, as HSDS's fully nested `/services` items are. */
const fullService = (row: Network, origin: string) => ({
	...serviceOf(row, origin),
	organization: organizationOf(row, origin)
});

export const MAX_PER_PAGE = 100;
const perPage = z
	.string()
	.regex(/^\d{1,3}$/)
	.transform(Number)
	.pipe(z.number().int().min(1).max(MAX_PER_PAGE))
	.catch(50);

export interface ListQuery {
	page: number;
	perPage: number;
	/** Words in the network's name. */
	search: string;
	/** `/services` only: the services of this organization. */
	organizationId: string | null;
}

/** HSDS's list parameters: `page`, `per_page`, `search`, `organization_id`; anything unreadable is left out. */
export function parseListQuery(url: URL): ListQuery {
	const organization = url.searchParams.get('organization_id');
	return {
		page: requestedPage(url),
		perPage: perPage.parse(url.searchParams.get('per_page') ?? ''),
		search: (url.searchParams.get('search') ?? '')
			.replace(/[\p{Cc}\p{Cs}]/gu, '')
			.trim()
			.slice(0, 200),
		organizationId: organization && isUuid(organization) ? organization.toLowerCase() : null
	};
}

/** Slugs in the order lists page through them; an organization id is found by the slug it came from. */
async function slugsMatching(query: ListQuery) {
	const rows = await reads().network.findMany({
		where: query.search ? { name: { contains: query.search, mode: 'insensitive' } } : {},
		orderBy: { slug: 'asc' },
		select: { slug: true }
	});
	const slugs = rows.map((row) => row.slug);
	return query.organizationId ? slugs.filter((slug) => organizationId(slug) === query.organizationId) : slugs;
}

function readNetworks(slugs: string[]) {
	return reads().network.findMany({
		where: { slug: { in: slugs } },
		orderBy: { slug: 'asc' },
		select: network
	});
}

/**
 * One page in HSDS's paged shape. A page past the end is empty (HSDS's `empty`), not the last one: a
 * harvester walking pages stops there.
 */
async function page<T>(query: ListQuery, shape: (row: Network, origin: string) => T) {
	const slugs = await slugsMatching(query);
	const start = (query.page - 1) * query.perPage;
	const rows = await readNetworks(slugs.slice(start, start + query.perPage));
	const origin = publicOrigin();
	const totalPages = Math.ceil(slugs.length / query.perPage);
	return {
		total_items: slugs.length,
		total_pages: totalPages,
		page_number: query.page,
		size: rows.length,
		first_page: query.page === 1,
		last_page: query.page >= totalPages,
		empty: rows.length === 0,
		contents: rows.map((row) => shape(row, origin))
	};
}

export const listOrganizations = (query: ListQuery) => page(query, fullOrganization);
export const listServices = (query: ListQuery) => page(query, fullService);

/** One organization by its HSDS id, or null. */
export async function getOrganization(id: string) {
	if (!isUuid(id)) return null;
	const slugs = await slugsMatching({ page: 1, perPage: 1, search: '', organizationId: id.toLowerCase() });
	const [row] = slugs.length ? await readNetworks(slugs) : [];
	return row ? fullOrganization(row, publicOrigin()) : null;
}

/** What HSDS's API root answers: which version this is and who publishes it. */
export function apiInfo() {
	const origin = publicOrigin();
	return {
		version: HSDS_VERSION,
		description: m.hsds_api_description(),
		publisher: { name: m.site_name(), website: origin }
	};
}
