// The network directory in HSDS 3.0 (/api/hsds/…): every item is checked against Open Referral's own
// compiled schemas (tests/fixtures/hsds/), pages walk the whole directory, ids stay put, and nothing
// personal about the people who run or use a network gets out.
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as root from '../../src/routes/api/hsds/+server.ts';
import * as organizations from '../../src/routes/api/hsds/organizations/+server.ts';
import * as organization from '../../src/routes/api/hsds/organizations/[id=uuid]/+server.ts';
import * as services from '../../src/routes/api/hsds/services/+server.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, requestEvent } from '../support/request-event.ts';

interface Item {
	id: string;
	name: string;
	[key: string]: unknown;
}
interface Service extends Item {
	organization_id: string;
	status: string;
	phones: { number: string }[];
	service_areas: { name: string; uri?: string }[];
	languages: { code: string; name: string }[];
	organization: Item;
}
interface Organization extends Item {
	services: Service[];
}
interface Page<T> {
	total_items: number;
	total_pages: number;
	page_number: number;
	size: number;
	first_page: boolean;
	last_page: boolean;
	empty: boolean;
	contents: T[];
}

let db: Database;
const RUN = `hsds${Date.now().toString(36)}`;
let validOrganization: ValidateFunction;
let validService: ValidateFunction;

beforeAll(async () => {
	db = await useTestDatabase();
	// The compiled schemas carry Open Referral's own annotations (core, constraints, datapackage_…),
	// which are not JSON Schema keywords: strict mode would refuse them, so it is off; formats are on.
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	const schema = (name: string) => JSON.parse(readFileSync(`tests/fixtures/hsds/${name}.json`, 'utf8'));
	validOrganization = ajv.compile(schema('organization'));
	validService = ajv.compile(schema('service'));
});
afterAll(disconnectDatabase);

async function get<T, Event = never>(
	handler: (event: Event) => unknown,
	path: string,
	params: Record<string, string> = {}
) {
	const outcome = await call(handler, await requestEvent({ path, params }));
	if (outcome.kind !== 'data' || !(outcome.data instanceof Response))
		throw new Error(JSON.stringify(outcome));
	const response = outcome.data;
	return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

const errorsOf = (validate: ValidateFunction, item: unknown) =>
	validate(item) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);

/** A network changed for one test and put back afterwards, so other test files see the seed. */
async function withNetwork<T>(
	change: Parameters<Database['network']['update']>[0]['data'],
	work: (slug: string) => Promise<T>
) {
	const network = await db.network.findFirstOrThrow({
		where: { inactiveSince: null, coverage: { some: {} } },
		orderBy: { slug: 'asc' },
		select: { id: true, slug: true, hotline: true, languages: true, inactiveSince: true }
	});
	await db.network.update({ where: { id: network.id }, data: change });
	try {
		return await work(network.slug);
	} finally {
		const { hotline, languages, inactiveSince } = network;
		await db.network.update({ where: { id: network.id }, data: { hotline, languages, inactiveSince } });
	}
}

const serviceOf = async (slug: string) => {
	const { body } = await get<Page<Service>>(services.GET, '/api/hsds/services?per_page=100');
	return body.contents.find((service) => service.url === `http://localhost:5173/networks/${slug}`)!;
};

describe('/api/hsds/organizations', () => {
	it('lists every network as an organization valid against HSDS, its service nested', async () => {
		const { body, headers } = await get<Page<Organization>>(
			organizations.GET,
			'/api/hsds/organizations?per_page=100'
		);
		const networks = await db.network.count();
		expect(body).toMatchObject({
			total_items: networks,
			total_pages: 1,
			page_number: 1,
			size: networks,
			first_page: true,
			last_page: true,
			empty: false
		});
		expect(body.contents.flatMap((item) => errorsOf(validOrganization, item))).toEqual([]);
		expect(body.contents.every((item) => item.services.length === 1)).toBe(true);
		expect(new Set(body.contents.map((item) => item.id)).size).toBe(networks);
		expect(headers.get('access-control-allow-origin')).toBe('*');
	});

	it('pages through the directory: every network once, then an empty page', async () => {
		const networks = await db.network.count();
		const seen: string[] = [];
		const pages = Math.ceil(networks / 10);
		for (let page = 1; page <= pages; page++) {
			const { body } = await get<Page<Organization>>(
				organizations.GET,
				`/api/hsds/organizations?per_page=10&page=${page}`
			);
			expect([body.page_number, body.total_pages, body.first_page, body.last_page]).toEqual([
				page,
				pages,
				page === 1,
				page === pages
			]);
			seen.push(...body.contents.map((item) => item.id));
		}
		expect(new Set(seen).size).toBe(networks);
		const past = await get<Page<Organization>>(
			organizations.GET,
			`/api/hsds/organizations?per_page=10&page=${pages + 1}`
		);
		expect(past.body).toMatchObject({ empty: true, size: 0, contents: [], last_page: true });
	});

	it('finds networks by words in their name', async () => {
		const { name } = await db.network.findFirstOrThrow({ orderBy: { slug: 'asc' } });
		const { body } = await get<Page<Organization>>(
			organizations.GET,
			`/api/hsds/organizations?search=${encodeURIComponent(name.toUpperCase())}`
		);
		expect(body.contents.map((item) => item.name)).toContain(name);
		expect(body.total_items).toBeLessThan(await db.network.count());
	});

	it('answers one organization by its id, which follows the slug and not the name', async () => {
		const { body: list } = await get<Page<Organization>>(organizations.GET, '/api/hsds/organizations');
		const first = list.contents[0]!;
		const { body, status } = await get<Organization>(
			organization.GET,
			`/api/hsds/organizations/${first.id}`,
			{
				id: first.id
			}
		);
		expect(status).toBe(200);
		expect(errorsOf(validOrganization, body)).toEqual([]);
		expect(body).toEqual(first);

		const slug = (first.uri as string).split('/').pop()!;
		const network = await db.network.findUniqueOrThrow({ where: { slug } });
		await db.network.update({ where: { id: network.id }, data: { name: `Renamed ${RUN}` } });
		try {
			const renamed = await get<Organization>(organization.GET, '/', { id: first.id });
			expect(renamed.body.name).toBe(`Renamed ${RUN}`);
		} finally {
			await db.network.update({ where: { id: network.id }, data: { name: network.name } });
		}
	});

	it('answers 404 for an id no network has, and for one that is not a UUID', async () => {
		for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
			const { status, body } = await get<{ error: string }>(organization.GET, '/', { id });
			expect(status).toBe(404);
			expect(body.error).toBeTruthy();
		}
	});
});

describe('/api/hsds/services', () => {
	it('lists each network’s mutual aid as a service valid against HSDS, with its organization', async () => {
		const { body } = await get<Page<Service>>(services.GET, '/api/hsds/services?per_page=100');
		expect(body.total_items).toBe(await db.network.count());
		expect(body.contents.flatMap((item) => errorsOf(validService, item))).toEqual([]);
		expect(body.contents.every((item) => item.organization.id === item.organization_id)).toBe(true);
	});

	it('gives the neighborhoods a network covers as service areas', async () => {
		const network = await db.network.findFirstOrThrow({
			where: { coverage: { some: {} } },
			select: { slug: true, coverage: { select: { neighborhood: { select: { name: true, slug: true } } } } }
		});
		const service = await serviceOf(network.slug);
		expect(service.service_areas.map((area) => area.name).sort()).toEqual(
			network.coverage.map(({ neighborhood }) => neighborhood.name).sort()
		);
		expect(service.service_areas.map((area) => area.uri)).toContain(
			`http://localhost:5173/neighborhoods/${network.coverage[0]!.neighborhood.slug}`
		);
	});

	it('gives the network’s hotline as a phone and its languages by name and code', async () => {
		await withNetwork({ hotline: '(718) 555-0142', languages: ['es', 'zh-Hant', 'ht'] }, async (slug) => {
			const service = await serviceOf(slug);
			expect(errorsOf(validService, service)).toEqual([]);
			expect(service.phones.map((phone) => phone.number)).toEqual(['(718) 555-0142']);
			expect(service.languages.map(({ code, name }) => [code, name])).toEqual([
				['es', 'Spanish'],
				['zh-Hant', 'Traditional Chinese'],
				['ht', 'Haitian Creole']
			]);
		});
	});

	it('keeps a network no longer active, with its service marked inactive', async () => {
		const before = await serviceOf(
			(
				await db.network.findFirstOrThrow({
					where: { inactiveSince: null, coverage: { some: {} } },
					orderBy: { slug: 'asc' }
				})
			).slug
		);
		expect(before.status).toBe('active');
		await withNetwork({ inactiveSince: new Date() }, async (slug) => {
			const service = await serviceOf(slug);
			expect(service.status).toBe('inactive');
			expect(service.id).toBe(before.id);
		});
	});

	it('filters by organization_id', async () => {
		const { body: all } = await get<Page<Service>>(services.GET, '/api/hsds/services?per_page=3');
		const wanted = all.contents[1]!;
		const { body } = await get<Page<Service>>(
			services.GET,
			`/api/hsds/services?organization_id=${wanted.organization_id}`
		);
		expect(body.contents.map((item) => item.id)).toEqual([wanted.id]);
	});
});

it('the validators catch an item that breaks the schema', () => {
	expect(errorsOf(validOrganization, { id: 'not-a-uuid', name: 'x' })).not.toEqual([]);
	expect(errorsOf(validService, { id: crypto.randomUUID(), name: 'x', status: 'open' })).not.toEqual([]);
});

it('gives no organizer’s or moderator’s name or email address', async () => {
	const network = await db.network.findFirstOrThrow({ where: { inactiveSince: null } });
	const organizer = await db.user.create({
		data: { email: `organizer-${RUN}@example.org`, name: `Organizer ${RUN}`, profileCompletedAt: new Date() }
	});
	await db.networkMembership.create({
		data: { userId: organizer.id, networkId: network.id, role: 'ORGANIZER' }
	});
	const bodies = await Promise.all([
		get(organizations.GET, '/api/hsds/organizations?per_page=100'),
		get(services.GET, '/api/hsds/services?per_page=100'),
		get(root.GET, '/api/hsds')
	]);
	const text = JSON.stringify(bodies.map(({ body }) => body));
	expect(text).toContain(network.name);
	expect(text).not.toContain(RUN);
	expect(text).not.toContain(organizer.id);
	expect(text).not.toMatch(/@example\.org/);
});
