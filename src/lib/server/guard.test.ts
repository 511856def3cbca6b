// The coverage test: every load, form action and endpoint in src/routes must begin with an awaited
// guard from $lib/server/guard — public ones included, so that "public" is a decision, not an accident.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { handlersOf, ROUTES, serverModules } from '../../../tests/support/routes.ts';

const GUARDS = new Set(['publicAccess', 'requireUser', 'authorize']);

type FunctionNode = ts.ArrowFunction | ts.FunctionExpression | ts.FunctionDeclaration | ts.MethodDeclaration;
const isFunction = (node: ts.Node | undefined): node is FunctionNode =>
	!!node &&
	(ts.isArrowFunction(node) ||
		ts.isFunctionExpression(node) ||
		ts.isFunctionDeclaration(node) ||
		ts.isMethodDeclaration(node));

/** The guard the function awaits first, if its first statement is `[const x =] await guard(...)`. */
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
	return ts.isIdentifier(callee) && GUARDS.has(callee.text) ? callee.text : null;
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
