import { expect, it } from 'vitest';
import { safeNextPath } from './next.ts';

it.each([
	['/board?kind=NEED', '/board?kind=NEED'],
	['/', '/'],
	['/posts/12#claim', '/posts/12#claim'],
	['/board?q=caf%C3%A9', '/board?q=caf%C3%A9'],
	['https://evil.example/', '/'],
	['//evil.example/', '/'],
	['/\\evil.example', '/'],
	// Browsers drop tabs and newlines from addresses, so these become //evil.example.
	['/\t/evil.example', '/'],
	['/%09/evil.example', '/%09/evil.example'],
	['/\n/evil.example', '/'],
	['/\r/evil.example', '/'],
	['/\u0000/evil.example', '/'],
	['/\u007f', '/'],
	['/./evil.example', '/evil.example'],
	['/\u3000/evil.example', '/'],
	['/café', '/'],
	['/./evil.example', '/evil.example'],
	['/.//evil.example', '/'],
	['/a/..//evil.example', '/'],
	[' /board', '/'],
	['javascript:alert(1)', '/'],
	[null, '/'],
	['account', '/']
])('safeNextPath(%j) is %j', (value, expected) => {
	expect(safeNextPath(value)).toBe(expected);
});
