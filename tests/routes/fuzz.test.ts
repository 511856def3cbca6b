// Property-based fuzzing of every load, form action and endpoint. The handlers are found by reading the
// route modules (tests/support/routes.ts) and their fields from the forms; each is called the way
// SvelteKit calls it, as anonymous, a stranger, the owner and an admin, with missing, duplicated,
// oversized, unicode, NUL and numeric-edge values. Nothing may answer 5xx, leak a stack trace, or change
// a row when it refuses. `npm test` runs a few cases per handler from a fixed seed; `npm run fuzz`
// (FUZZ_RUNS, FUZZ_SEED) runs many more.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestEvent } from '@sveltejs/kit';
import { initAuth } from '../../src/lib/server/auth/index.ts';
import { createClaim } from '../../src/lib/server/claims/lifecycle.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { listOrganizations, parseListQuery } from '../../src/lib/server/directory/hsds.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { form, outcomeOf, requestEvent, type Outcome } from '../support/request-event.ts';
import { fieldNamesOf, routeHandlers, type RouteHandler } from '../support/routes.ts';

const RUNS = Number(process.env.FUZZ_RUNS || 8);
const SEED = Number(process.env.FUZZ_SEED || 20261127);
/** The board's filters and the other query parameters pages and endpoints read; every GET gets them. */
const QUERY = [
	'q',
	'kind',
	'category',
	'borough',
	'neighborhood',
	'network',
	'sort',
	'cursor',
	'limit',
	'next',
	// The HSDS directory's list parameters.
	'page',
	'per_page',
	'search',
	'organization_id',
	// The flyer's paper and second language.
	'size',
	'second'
];

type Handler = (event: RequestEvent) => unknown;
const modules = import.meta.glob<Record<string, unknown>>([
	'/src/routes/**/+page.server.ts',
	'/src/routes/**/+layout.server.ts',
	'/src/routes/**/+server.ts'
]);

async function handlerFor({ file, name }: RouteHandler): Promise<Handler> {
	const module = await modules[`/${file}`]!();
	if (name.startsWith('actions.')) {
		return (module.actions as Record<string, Handler>)[name.slice('actions.'.length)]!;
	}
	return module[name] as Handler;
}

let db: Database;
const RUN = `f${Date.now().toString(36)}`;
const fixture = {
	actors: [] as (string | null)[],
	ids: [] as string[],
	slugs: [] as string[],
	uuids: [] as string[],
	values: [] as string[]
};

beforeAll(async () => {
	db = await useTestDatabase();
	// Sign-in and sign-out hand over to Auth.js, which needs its secret as at startup.
	process.env.AUTH_SECRET ||= 'fuzz-only-secret-not-used-anywhere-else';
	await initAuth();
	const user = (name: string, isAdmin = false) =>
		db.user.create({
			data: { email: `${name}-${RUN}@example.org`, name, isAdmin, profileCompletedAt: new Date() }
		});
	const [owner, stranger, helper, admin] = await Promise.all([
		user('owner'),
		user('stranger'),
		user('helper'),
		user('admin', true)
	]);
	const fields = { kind: 'NEED', title: `Fuzz ${RUN}`, category: 'MEALS', neighborhood: 'kensington' };
	const created = await createPost(
		owner.id,
		postSchema.parse(readPostForm(form({ ...fields, timeWindow: 'TODAY' })))
	);
	if (!created.ok) throw new Error(JSON.stringify(created));
	const post = await db.post.findUniqueOrThrow({ where: { id: created.id }, include: { network: true } });
	await db.networkMembership.createMany({
		data: [
			{ userId: owner.id, networkId: post.networkId, role: 'ORGANIZER' },
			{ userId: owner.id, networkId: post.networkId, role: 'MODERATOR' }
		],
		skipDuplicates: true
	});
	const claimId = await createClaim(post.id, helper.id, 'I can help', 'http://localhost');
	const message = await db.message.create({ data: { claimId, senderId: helper.id, body: 'hi' } });
	const otherNetwork = await db.network.findFirstOrThrow({ where: { id: { not: post.networkId } } });
	fixture.actors = [null, stranger.id, owner.id, admin.id];
	fixture.ids = [String(post.id), String(claimId), String(message.id), '1', '999999999'];
	fixture.slugs = [post.network.slug, 'kensington', 'no-such-place', 'mutual-aid'];
	const directory = await listOrganizations(parseListQuery(new URL('http://localhost/?per_page=1')));
	fixture.uuids = [directory.contents[0]!.id, crypto.randomUUID(), '00000000-0000-0000-0000-000000000000'];
	fixture.values = [
		...fixture.ids,
		String(post.networkId),
		String(otherNetwork.id),
		owner.id,
		'no-such-user',
		post.network.slug,
		'kensington',
		'NEED',
		'OFFER',
		'MEALS',
		'BY_DATE',
		'SPAM',
		'approve',
		'hide',
		'handoff',
		'edit',
		'suspend',
		'MODERATOR',
		'ORGANIZER',
		'on',
		'newest',
		`someone-${RUN}@example.org`
	];
});
afterAll(disconnectDatabase);

const EDGES = [
	'',
	' ',
	'0',
	'-1',
	'1.5',
	'2147483647',
	'2147483648',
	'9007199254740993',
	'1e309',
	'NaN',
	'abc',
	'a\u0000b',
	'\u0000',
	'\u202e\u0007\u001b[2J',
	'\r\n\t',
	'x'.repeat(100_001),
	'//evil.example',
	'/\\evil.example',
	'/\u0000/x',
	'/caf\u00e9',
	'\ud800'
];

const fieldValue = () =>
	fc.oneof(
		fc.constantFrom(...EDGES),
		fc.constantFrom(...fixture.values),
		fc.string({ maxLength: 40 }),
		fc.string({ unit: 'grapheme', maxLength: 20 }),
		fc.string({ unit: 'binary', maxLength: 20 }),
		fc.string({ maxLength: 10 }).map((s) => `${s}\u0000${s}`),
		fc.integer({ min: -(2 ** 53), max: 2 ** 53 }).map(String)
	);

/** Each field missing, given once, or given twice. */
const fieldsArbitrary = (names: string[]) =>
	fc.record(
		Object.fromEntries(
			names.map((name) => [name, fc.option(fc.array(fieldValue(), { minLength: 1, maxLength: 2 }))])
		)
	);

function pathOf(route: string, pick: (kind: string) => string) {
	return (
		'/' +
		route
			.split('/')
			.filter(Boolean)
			.map((segment) => segment.replace(/^\[(\w+)=(\w+)\]$/, (_, _name, kind: string) => pick(kind)))
			.join('/')
	);
}

/** Row counts and checksums of the tables a request could write. */
async function snapshot() {
	const [row] = await db.$queryRaw<Record<string, unknown>[]>`
		SELECT (SELECT count(*) FROM posts) AS posts, (SELECT max(updated_at) FROM posts) AS posts_updated,
			(SELECT md5(string_agg(c::text, ',' ORDER BY id)) FROM (SELECT id, status FROM claims) c) AS claims,
			(SELECT count(*) FROM messages) AS messages, (SELECT count(*) FROM reports) AS reports,
			(SELECT md5(string_agg(u::text, ',' ORDER BY id)) FROM users u) AS users,
			(SELECT md5(string_agg(n::text, ',' ORDER BY id)) FROM networks n) AS networks,
			(SELECT count(*) FROM network_memberships) AS memberships,
			(SELECT count(*) FROM network_coverage) AS coverage,
			(SELECT count(*) FROM organizer_requests) AS organizer_requests,
			(SELECT count(*) FROM outbox_messages) AS mail,
			(SELECT count(*) FROM moderation_log) AS log,
			(SELECT count(*) FROM network_suspensions) AS suspensions`;
	return JSON.stringify(row, (_, value) => (typeof value === 'bigint' ? String(value) : value));
}

const STACK = /\n\s+at\s|node_modules|\.ts:\d+:\d+/;
const leaksStack = (outcome: Outcome) =>
	(outcome.kind === 'fail' || outcome.kind === 'data') &&
	!(outcome.data instanceof Response) &&
	STACK.test(JSON.stringify(outcome.data) ?? '');

function seedOf(text: string) {
	let hash = SEED;
	for (const char of text) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
	return hash;
}

describe('fuzzing every load, action and endpoint', () => {
	const handlers = routeHandlers().filter(({ name }) => name !== 'fallback');

	it('finds the handlers', () => {
		expect(handlers.length).toBeGreaterThan(40);
	});

	it.each(handlers.map((h) => [`${h.route || '/'} ${h.name}`, h] as const))(
		'%s answers without a 5xx, a stack trace, or a write when it refuses',
		async (_, handler) => {
			const run = await handlerFor(handler);
			const isAction = handler.name.startsWith('actions.');
			const names = isAction ? fieldNamesOf(handler) : [...new Set([...fieldNamesOf(handler), ...QUERY])];
			const input = fc.record({
				actor: fc.constantFrom(...fixture.actors),
				id: fc.constantFrom(...fixture.ids),
				slug: fc.constantFrom(...fixture.slugs),
				uuid: fc.constantFrom(...fixture.uuids),
				format: fc.constantFrom('rss.xml', 'atom.xml'),
				fields: fieldsArbitrary(names)
			});
			const result = await fc.check(
				fc.asyncProperty(input, async ({ actor, id, slug, uuid, format, fields }) => {
					const params: Record<string, string> = {};
					const path = pathOf(handler.route, (kind) => {
						const value = ({ id, slug, uuid } as Record<string, string>)[kind] ?? format;
						params[kind] = value;
						return value;
					});
					const present = Object.fromEntries(
						Object.entries(fields).filter((entry): entry is [string, string[]] => !!entry[1])
					);
					let event: RequestEvent;
					if (isAction) {
						event = await requestEvent({
							path: `${path}?/${handler.name.slice('actions.'.length)}`,
							params,
							userId: actor,
							body: form(present)
						});
					} else {
						const query = new URLSearchParams();
						for (const [name, values] of Object.entries(present)) {
							for (const value of values) query.append(name, value);
						}
						event = await requestEvent({ path: `${path}?${query}`, params, userId: actor });
					}
					const before = isAction ? await snapshot() : '';
					const outcome = await outcomeOf(() => run(event));
					if (outcome.kind === 'crash') throw outcome.error;
					expect(leaksStack(outcome)).toBe(false);
					if (isAction && (outcome.kind === 'fail' || outcome.kind === 'error')) {
						expect(await snapshot()).toBe(before);
					}
				}),
				{ numRuns: RUNS, seed: seedOf(`${handler.route} ${handler.name}`), endOnFailure: true }
			);
			// The oversized values would bury the report; shorten them and keep the cause.
			if (result.failed) {
				const cause = result.errorInstance instanceof Error ? result.errorInstance : null;
				throw new Error(
					`${fc
						.defaultReportMessage(result)
						?.replace(/(.)\1{60,}/g, (run, c: string) => `${c}×${run.length}`)
						.slice(0, 3000)}\n${cause?.stack?.slice(0, 1500) ?? ''}`
				);
			}
		},
		120_000
	);
});
