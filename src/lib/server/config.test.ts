import { afterEach, expect, it } from 'vitest';
import { publicOrigin } from './config.ts';

const saved = { ORIGIN: process.env.ORIGIN, PORT: process.env.PORT };
afterEach(() => {
	for (const [name, value] of Object.entries(saved)) {
		if (value === undefined) delete process.env[name];
		else process.env[name] = value;
	}
});

it.each([
	[{ ORIGIN: 'https://eachother.example/' }, 'https://eachother.example'],
	[{ ORIGIN: 'https://eachother.example:8443' }, 'https://eachother.example:8443'],
	[{ PORT: '3000' }, 'http://localhost:3000'],
	[{}, 'http://localhost:5173']
])('with %j the public origin is %s', (env, expected) => {
	delete process.env.ORIGIN;
	delete process.env.PORT;
	Object.assign(process.env, env);
	expect(publicOrigin()).toBe(expected);
});

it.each(['eachother.example', 'ftp://eachother.example'])(
	'refuses ORIGIN=%s with a clear message',
	(value) => {
		process.env.ORIGIN = value;
		expect(() => publicOrigin()).toThrow(/ORIGIN must/);
	}
);
