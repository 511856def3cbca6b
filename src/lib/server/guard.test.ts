// The coverage test: every load, form action and endpoint in src/routes must begin with an awaited
// guard from $lib/server/guard — public ones included, so that "public" is a decision, not an accident.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { handlersOf, ROUTES, serverModules } from '../../../tests/support/routes.ts';

const GUARDS = new Set([
	'publicAccess',
	'requireUser',
	'authorize',
	'authorizeAccount',
	'authorizeNewPost',
	'authorizePost',
	'authorizeClaim',
	'authorizeSeries',
	'authorizeNetwork',
	'authorizeDistribution',
	'authorizeHousehold',
	'authorizePostModeration',
	'moderatedNetworksOf',
	'authorizeIntakeDraft',
	'requireMetricsToken',
	'requireTwilioSignature'
]);

// Which guard opens the handlers in each part of the site, written `guard(action)`: a route (and its
// subroutes, unless a longer row names them), or one handler as `route#name`. A handler in one of these places that opens with another
// guard, even a stricter-looking one, fails: e.g. requireUser alone on a moderation page would let any
// signed-in person in.
const AREAS: [where: string, guard: RegExp][] = [
	[
		'moderate',
		/^(authorizeNetwork\(network:moderate\)|moderatedNetworksOf\(\)|authorizePostModeration\(\))$/
	],
	// A network's households: its own team only, never admins (policies.ts, network:households).
	[
		'moderate/networks/[slug=slug]/households',
		/^(authorizeNetwork\(network:households\)|authorizeHousehold\(network:households\))$/
	],
	// Offering a need a place on the household roster: the team that keeps the roster (households).
	['moderate/posts/[id=id]#actions.offerTakeIn', /^authorizePostModeration\(post:offerTakeIn\)$/],
	// The relay inbox lists only the networks whose team the viewer is on (relay.ts asks 'network:relay').
	['moderate/relay', /^moderatedNetworksOf\(\)$/],
	// Distribution days hold the network's households (network:households): a day only under its network.
	['moderate/networks/[slug=slug]/distributions', /^authorizeNetwork\(network:households\)$/],
	['moderate/networks/[slug=slug]/distributions/[id=id]', /^authorizeDistribution\(\)$/],
	// A household answers its invitation by the secret in its link, with no account.
	['i/[token]', /^publicAccess\(\)$/],
	// Public: the days, times and places only.
	['networks/[slug=slug]/distributions.ics', /^publicAccess\(\)$/],
	// A request by text holds a neighbor's number: its network's team only (text-intake.ts); taking it
	// onto the household roster, the team that keeps the roster.
	['moderate/intake/texts', /^authorizeIntakeDraft\((network:households)?\)$/],
	['admin', /^authorize\(admin:\w+\)$/],
	['metrics', /^requireMetricsToken\(\)$/],
	// The SMS provider's webhooks: no session, no Origin; the signature is the only proof.
	['sms', /^requireTwilioSignature\(\)$/],
	['account', /^authorizeAccount\(account:\w+\)$/],
	// Where a deleted account lands, signed out by then.
	['account/deleted', /^publicAccess\(\)$/],
	['activity', /^requireUser\(\)$/],
	// Open data: the HSDS directory holds only what network pages already show.
	['api/hsds', /^publicAccess\(\)$/],
	['welcome', /^requireUser\(\)$/],
	['claims/[id=id]', /^authorizeClaim\(claim:\w+\)$/],
	// Flyers show only what the place's public page shows, to anyone who would tape one up.
	['neighborhoods/[slug=slug]/flyer', /^publicAccess\(\)$/],
	['networks/[slug=slug]/flyer', /^publicAccess\(\)$/],
	['networks/[slug=slug]/edit', /^authorizeNetwork\(network:manage\)$/],
	['networks/[slug=slug]/organize', /^authorizeNetwork\(network:request\)$/],
	['networks/[slug=slug]/status', /^authorizeNetwork\(network:setActive\)$/],
	['networks/[slug=slug]/capacity', /^authorizeNetwork\(network:capacity\)$/],
	['posts/new', /^authorizeNewPost\(\)$/],
	// A series' page is as public as its occurrences; each control names who may use it.
	['series/[id=id]#load', /^publicAccess\(\)$/],
	['series/[id=id]#actions.pause', /^authorizeSeries\(series:manage\)$/],
	['series/[id=id]#actions.resume', /^authorizeSeries\(series:manage\)$/],
	['series/[id=id]#actions.end', /^authorizeSeries\(series:manage\)$/],
	['series/[id=id]#actions.accept', /^authorizeSeries\(series:manage\)$/],
	['series/[id=id]#actions.commit', /^authorizeSeries\(series:commit\)$/],
	['series/[id=id]#actions.stepBack', /^authorizeSeries\(series:stepBack\)$/],
	['posts/mine', /^requireUser\(\)$/],
	['posts/[id=id]/edit', /^authorizePost\(post:edit\)$/],
	['posts/[id=id]#load', /^publicAccess\(\)$/],
	['posts/[id=id]#actions.report', /^authorizePost\(post:report\)$/],
	['posts/[id=id]#actions.claim', /^authorizePost\(claim:create\)$/],
	['posts/[id=id]#actions.askAgain', /^authorizePost\(claim:create\)$/],
	['posts/[id=id]#actions.withdraw', /^authorizePost\(post:withdraw\)$/],
	['posts/[id=id]#actions.renew', /^authorizePost\(post:renew\)$/],
	// The poster's yes or no to a network's household roster: theirs alone.
	['posts/[id=id]#actions.acceptTakeIn', /^authorizePost\(post:answerTakeIn\)$/],
	['posts/[id=id]#actions.declineTakeIn', /^authorizePost\(post:answerTakeIn\)$/],
	// The claim to decide on is named in the form, read once someone is known to be signed in.
	['posts/[id=id]#actions.accept', /^requireUser\(\)$/],
	['posts/[id=id]#actions.decline', /^requireUser\(\)$/]
];
const within = (key: string, where: string) =>
	key === where || key.startsWith(`${where}/`) || key.startsWith(`${where}#`);
const areaOf = (key: string) =>
	AREAS.map(([where]) => where)
		.filter((where) => within(key, where))
		.sort((a, b) => b.length - a.length)[0];

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;
const isFunction = (node: ts.Node | undefined): node is FunctionNode =>
	!!node &&
	(ts.isArrowFunction(node) ||
		ts.isFunctionExpression(node) ||
		ts.isFunctionDeclaration(node) ||
		ts.isMethodDeclaration(node));

/**
 * The guard the function awaits first, if its first statement is `[const x =] await guard(...)`, as
 * `guard(action)` with the action when one is passed as a string, `guard()` otherwise.
 */
function firstAwaitedGuard(fn: FunctionNode): string | null {
	if (!fn.body || !ts.isBlock(fn.body)) return null;
	const first = fn.body.statements[0];
	if (!first) return null;
	let expression: ts.Expression | undefined;
	if (ts.isExpressionStatement(first)) expression = first.expression;
	else if (ts.isVariableStatement(first)) expression = first.declarationList.declarations[0]?.initializer;
	if (!expression || !ts.isAwaitExpression(expression) || !ts.isCallExpression(expression.expression))
		return null;
	const callee = expression.expression.expression;
	if (!ts.isIdentifier(callee) || !GUARDS.has(callee.text)) return null;
	const action = expression.expression.arguments.find(ts.isStringLiteralLike)?.text ?? '';
	return `${callee.text}(${action})`;
}

/** Every handler under src/routes as `route#name`, with the guard it opens with. */
function guardedHandlers(modules: string[]) {
	return modules.flatMap((file) => {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		const route = path.relative(ROUTES, path.dirname(file)).split(path.sep).join('/');
		return handlersOf(source).map(({ name, fn }) => ({
			key: `${route}#${name}`,
			guard: isFunction(fn) ? firstAwaitedGuard(fn) : null
		}));
	});
}

function violations(file: string, text: string): string[] {
	const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
	return handlersOf(source)
		.filter(({ fn }) => !isFunction(fn) || !firstAwaitedGuard(fn))
		.map(({ name }) => `${path.relative(process.cwd(), file)}: ${name} does not start with an awaited guard`);
}

describe('guard coverage', () => {
	const modules = serverModules(ROUTES);

	it('finds the route modules', () => {
		expect(modules.length).toBeGreaterThan(10);
	});

	it('every load, action and endpoint starts with an awaited guard', () => {
		expect(modules.flatMap((file) => violations(file, readFileSync(file, 'utf8')))).toEqual([]);
	});

	describe.each(AREAS)('handlers in %s', (where, guard) => {
		const handlers = guardedHandlers(modules).filter(({ key }) => areaOf(key) === where);

		it('exist', () => {
			expect(handlers).not.toEqual([]);
		});

		it(`open with ${guard.source}`, () => {
			expect(handlers.filter((h) => !guard.test(h.guard ?? ''))).toEqual([]);
		});
	});

	it.each([
		['no guard', 'export const load = async (event) => { return { secret: 1 }; };'],
		[
			'a guard that is not awaited',
			'export const load = async (event) => { requireUser(event); return {}; };'
		],
		[
			'a guard after other work',
			'export const load = async (event) => { const x = await db(); await requireUser(event); };'
		],
		[
			'an unguarded action',
			'export const actions = { save: async (event) => { await requireUser(event); }, remove: async () => {} };'
		],
		['an unguarded endpoint', 'export async function POST(event) { return new Response(); }'],
		['actions built elsewhere', 'export const actions = makeActions();']
	])('catches %s', (_, code) => {
		expect(violations('/x/+page.server.ts', code)).not.toEqual([]);
	});

	it.each([
		['an awaited guard', 'export const load = async (event) => { await publicAccess(event); return {}; };'],
		[
			'a guard whose result is kept',
			'export const GET = async (event) => { const user = await authorize(event, "admin:view", SITE); };'
		],
		[
			'guarded actions',
			'export const actions = { a: async (e) => { await requireUser(e); } } satisfies Actions;'
		]
	])('accepts %s', (_, code) => {
		expect(violations('/x/+page.server.ts', code)).toEqual([]);
	});
});
