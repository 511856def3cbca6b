// The README says why each dependency is there; a package added without a reason fails here.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';

const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, Record<string, string>>;
const readme = readFileSync('README.md', 'utf8');
const table = readme.slice(readme.indexOf('## Dependencies and why'));

it('names every dependency in the README table of dependencies', () => {
	const names = [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {})];
	expect(names.length).toBeGreaterThan(10);
	expect(names.filter((name) => !table.includes(`\`${name}\``))).toEqual([]);
});
