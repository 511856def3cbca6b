// Finds every load, form action and endpoint in src/routes by parsing the route modules: the guard
// coverage test checks each starts with a guard, the header tests send each a forged request.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const HANDLERS = new Set(['load', 'GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'fallback']);
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

/** The methods and addresses that change state: every form action and every non-GET endpoint. */
export function stateChangingRoutes(params: Record<string, string>): { method: string; path: string }[] {
	return serverModules(ROUTES).flatMap((file) => {
		const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
		// Computed only for modules that change state, so read-only routes need no sample parameters.
		const route = () => routePath(path.relative(ROUTES, path.dirname(file)), params);
		return handlersOf(source).flatMap(({ name }) => {
			if (name === 'actions.default') return [{ method: 'POST', path: route() }];
			if (name.startsWith('actions.')) return [{ method: 'POST', path: `${route()}?/${name.slice(8)}` }];
			if (['POST', 'PUT', 'PATCH', 'DELETE', 'fallback'].includes(name)) {
				return [{ method: name === 'fallback' ? 'POST' : name, path: route() }];
			}
			return [];
		});
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
