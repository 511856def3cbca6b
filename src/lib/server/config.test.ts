import { afterEach, expect, it } from 'vitest';
import { publicOrigin, smsConfig } from './config.ts';

const saved = {
	ORIGIN: process.env.ORIGIN,
	PORT: process.env.PORT,
	SMS_URL: process.env.SMS_URL,
	SMS_COUNTRIES: process.env.SMS_COUNTRIES
};
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

it('reads the SMS provider, its credentials and sending number from one SMS_URL', () => {
	process.env.SMS_URL = 'https://AC123:s3cr%2Ft@api.twilio.com?from=%2B17185550100';
	process.env.SMS_COUNTRIES = 'us, ca';
	expect(smsConfig()).toEqual({
		provider: {
			baseUrl: 'https://api.twilio.com',
			accountSid: 'AC123',
			authToken: 's3cr/t',
			from: '+17185550100'
		},
		countries: ['US', 'CA']
	});
});

it('prints texts to the log with no SMS_URL, for US numbers unless told otherwise', () => {
	delete process.env.SMS_URL;
	delete process.env.SMS_COUNTRIES;
	expect(smsConfig()).toEqual({ provider: undefined, countries: ['US'] });
});

it.each(['api.twilio.com', 'https://api.twilio.com?from=%2B17185550100', 'https://AC1:tok@api.twilio.com'])(
	'refuses SMS_URL=%s with a clear message',
	(value) => {
		process.env.SMS_URL = value;
		expect(() => smsConfig()).toThrow(/SMS_URL/);
	}
);
