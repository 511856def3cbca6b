// Post/redirect/get as a rule the build keeps: every form action either fails (fail(), invalid(), a
// refused rate limit — the form comes back with what was typed) or ends in a redirect, so the address
// bar never keeps `?/action` and a reload never posts again.
//
// Why the type checker rather than running the actions or scanning for `return`: running each action
// successfully needs a signed-in person, a post, a claim and a network per route, and a text scan
// misses a helper that returns `{ done }` on someone's behalf (`return change(...)`). The checker sees
// through helpers: an action's awaited return type is the union of everything it can return, and
// `redirect()` returns `never`, so a conforming action's type is ActionFailure<…> alone. Any success
// value, and `void` (an action that just ends, leaving the POST as the page), shows up in the union.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { handlersOf, ROUTES, serverModules } from '../support/routes.ts';

// Checked alongside the real routes, so the test shows it still catches both ways of breaking the rule.
const FIXTURE = path.join(ROUTES, '__redirect_fixture__', '+page.server.ts');
const FIXTURE_SOURCE = `
import { fail, redirect } from '@sveltejs/kit';
export const actions = {
	redirects: async () => {
		if (Math.random() > 0.5) return fail(400, { form: 'x' });
		redirect(303, '/');
	},
	returnsData: async () => ({ done: true }),
	fallsOff: async () => {
		await Promise.resolve();
	}
};
`;

function program(files: string[]) {
	const config = ts.getParsedCommandLineOfConfigFile(
		'tsconfig.json',
		{},
		{
			...ts.sys,
			onUnRecoverableConfigFileDiagnostic: (d) => {
				throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
			}
		}
	);
	if (!config) throw new Error('tsconfig.json could not be read (has svelte-kit sync run?)');
	const host = ts.createCompilerHost(config.options);
	const { getSourceFile, fileExists } = host;
	host.fileExists = (name) => name === FIXTURE || fileExists(name);
	host.getSourceFile = (name, target, ...rest) =>
		name === FIXTURE
			? ts.createSourceFile(name, FIXTURE_SOURCE, target, true)
			: getSourceFile(name, target, ...rest);
	return ts.createProgram({ rootNames: files, options: config.options, host });
}

const isFailure = (type: ts.Type) =>
	(type.flags & ts.TypeFlags.Never) !== 0 || (type.aliasSymbol ?? type.getSymbol())?.name === 'ActionFailure';

/** Each action of a route module with what it can return that is neither a failure nor a redirect. */
function successValues(checker: ts.TypeChecker, source: ts.SourceFile): Record<string, string[]> {
	const found: Record<string, string[]> = {};
	for (const { name, fn } of handlersOf(source)) {
		if (!name.startsWith('actions.')) continue;
		if (!fn || !(ts.isFunctionLike(fn) || ts.isArrowFunction(fn))) {
			found[name] = ['not an inline function, so its return type cannot be read here'];
			continue;
		}
		const [signature] = checker.getSignaturesOfType(checker.getTypeAtLocation(fn), ts.SignatureKind.Call);
		const returned = signature && checker.getAwaitedType(checker.getReturnTypeOfSignature(signature));
		if (!returned) {
			found[name] = ['no return type'];
			continue;
		}
		const members = returned.isUnion() ? returned.types : [returned];
		found[name] = members.filter((type) => !isFailure(type)).map((type) => checker.typeToString(type));
	}
	return found;
}

describe('every form action fails or redirects', () => {
	const routes = serverModules(ROUTES).filter((file) => file.endsWith('+page.server.ts'));
	const built = program([...routes, FIXTURE]);
	const checker = built.getTypeChecker();
	const check = (file: string) => successValues(checker, built.getSourceFile(file)!);

	it('catches an action that returns data or just ends', () => {
		expect(check(FIXTURE)).toEqual({
			'actions.redirects': [],
			'actions.returnsData': ['{ done: boolean; }'],
			'actions.fallsOff': ['void']
		});
	});

	it.each(routes.map((file) => path.relative(ROUTES, file)))('%s', (file) => {
		const offending = Object.entries(check(path.join(ROUTES, file))).filter(([, values]) => values.length);
		expect(Object.fromEntries(offending)).toEqual({});
	});
});
