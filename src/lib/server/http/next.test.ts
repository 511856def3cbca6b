import { expect, it } from 'vitest';
import { safeNextPath } from './next.ts';

it.each([
	['/board?kind=NEED', '/board?kind=NEED'],
	['/', '/'],
	['https://evil.example/', '/'],
	['//evil.example/', '/'],
	['/\\evil.example', '/'],
	[null, '/'],
	['account', '/']
])('safeNextPath(%j) is %j', (value, expected) => {
	expect(safeNextPath(value)).toBe(expected);
});
