// Finds every route module and the loads, form actions and endpoints it exports, by reading the source
// with the TypeScript AST (nothing is imported). Shared by the guard coverage test, the fuzz suite and
// the header tests (which send every state-changing route a forged request).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const HANDLERS = new Set(['load', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'fallback']);
export const ROUTES = path.resolve('src/routes');

export function serverModules(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const full = path.join(dir, entry.name);
		if (entry.isDirectory()) return serverModules(full);
		return /^\+(page|layout)\.server\.ts$|^\+server\.ts$/.test(entry.name) ? [full] : [];
	});
}

/** Every exported handler in a route module: name and function. */
export function handlersOf(source: ts.SourceFile): { name: string; fn: ts.Node | undefined }[] {
	const found: { name: string; fn: ts.Node | undefined }[] = [];
	for (const statement of source.statements) {
		const exported = ts
			.getModifiers(statement as ts.HasModifiers)
			?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isFunctionDeclaration(statement) && statement.name && HANDLERS.has(statement.name.text)) {
			found.push({ name: statement.name.text, fn: statement });
		}
		if (!ts.isVariableStatement(statement)) continue;
		for (const declaration of statement.declarationList.declarations) {
			if (!ts.isIdentifier(declaration.name)) continue;
			const name = declaration.name.text;
			let init = declaration.initializer;
			while (init && (ts.isSatisfiesExpression(init) || ts.isAsExpression(init))) init = init.expression;
			if (HANDLERS.has(name)) found.push({ name, fn: init });
			if (name === 'actions') {
				if (!init || !ts.isObjectLiteralExpression(init)) {
					found.push({ name: 'actions', fn: undefined });
					continue;
				}
				for (const property of init.properties) {
					const actionName = `actions.${property.name?.getText(source) ?? '?'}`;
					found.push({
						name: actionName,
						fn: ts.isPropertyAssignment(property) ? property.initializer : property
					});
				}
			}
		}
	}
	return found;
}

export interface RouteHandler {
	/** The route module, relative to the project, e.g. src/routes/posts/[id=id]/+page.server.ts */
	file: string;
	/** load, GET, …, or actions.<name> */
	name: string;
	/** The route's directory below src/routes, e.g. posts/[id=id] */
	route: string;
}

/** Every load, action and endpoint under src/routes. */
export function routeHandlers(): RouteHandler[] {
	return serverModules(ROUTES).flatMap((full) => {
		const source = ts.createSourceFile(full, readFileSync(full, 'utf8'), ts.ScriptTarget.Latest, true);
		const file = path.relative(process.cwd(), full);
		const route = path.relative(ROUTES, path.dirname(full));
		return handlersOf(source).map(({ name }) => ({ file, name, route }));
	});
}

const COMPONENTS = path.resolve('src/lib/components');

/** The `name="…"` of every field in a Svelte file and the components it imports, one level down. */
function svelteFieldNames(file: string, seen = new Set<string>()): string[] {
	if (seen.has(file) || !existsSync(file)) return [];
	seen.add(file);
	const text = readFileSync(file, 'utf8');
	const names = [...text.matchAll(/\bname="([A-Za-z][\w-]*)"/g)].map((m) => m[1]!);
	// Shared components live in $lib/components; a route's own sit beside its page.
	const imported = [...text.matchAll(/from '(\$lib\/components|\.)\/(\w+\.svelte)'/g)].map((m) =>
		path.join(m[1] === '.' ? path.dirname(file) : COMPONENTS, m[2]!)
	);
	return [...names, ...imported.flatMap((f) => svelteFieldNames(f, seen))];
}

/**
 * The fields a route's forms send and the query parameters its server code reads: the page's and its
 * components' `name="…"` attributes, plus every literal `.get('…')` / `.getAll('…')` in the module.
 */
export function fieldNamesOf(handler: RouteHandler): string[] {
	const dir = path.join(ROUTES, handler.route);
	const server = readFileSync(handler.file, 'utf8');
	const read = [...server.matchAll(/\.get(?:All)?\('([A-Za-z][\w-]*)'\)/g)].map((m) => m[1]!);
	return [...new Set([...svelteFieldNames(path.join(dir, '+page.svelte')), ...read])].sort();
}

/** The methods and addresses that change state: every form action and every non-GET endpoint. */
export function stateChangingRoutes(params: Record<string, string>): { method: string; path: string }[] {
	return routeHandlers().flatMap(({ name, route: dir }) => {
		// Computed only for handlers that change state, so read-only routes need no sample parameters.
		const route = () => routePath(dir, params);
		if (name === 'actions.default') return [{ method: 'POST', path: route() }];
		if (name.startsWith('actions.')) return [{ method: 'POST', path: `${route()}?/${name.slice(8)}` }];
		if (['POST', 'PUT', 'PATCH', 'DELETE', 'fallback'].includes(name)) {
			return [{ method: name === 'fallback' ? 'POST' : name, path: route() }];
		}
		return [];
	});
}

/** src/routes/posts/[id=id] with { id: '1' } is /posts/1; route groups like (app) are left out. */
function routePath(dir: string, params: Record<string, string>): string {
	const segments = dir
		.split(path.sep)
		.filter((segment) => segment && !/^\(.*\)$/.test(segment))
		.map((segment) =>
			segment.replace(/\[(\w+)(=\w+)?\]/g, (_, name: string) => {
				const value = params[name];
				if (value === undefined) throw new Error(`No sample value for route parameter ${name}`);
				return value;
			})
		);
	return `/${segments.join('/')}`;
}
