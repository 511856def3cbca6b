import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { hitLimits } from './index.ts';
import { limitsFor } from './limits.ts';

beforeAll(useTestDatabase);
afterAll(disconnectDatabase);

const at = (time: string) => new Date(`2026-11-26T${time}Z`);
// Each request from its own address, as a distributed attacker would send them.
const ask = (email: string, time: string, client: number) =>
	hitLimits(limitsFor('signin', email, `192.0.2.${client}`), at(time));

it('someone who asks for a link five times may ask again ten minutes later, not an hour later', async () => {
	const email = `victim-${Date.now()}@example.org`;
	for (let i = 0; i < 5; i++) expect(await ask(email, '10:00:00', i)).toEqual({ allowed: true });
	expect(await ask(email, '10:00:30', 9)).toMatchObject({ allowed: false });
	expect(await ask(email, '10:10:00', 10)).toEqual({ allowed: true });
});

it('still caps how much mail one address can be sent in a day', async () => {
	const email = `flooded-${Date.now()}@example.org`;
	let sent = 0;
	for (let minute = 0; minute < 24 * 60; minute += 10) {
		const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00`;
		for (let i = 0; i < 5; i++) if ((await ask(email, time, i)).allowed) sent++;
	}
	expect(sent).toBe(30);
});
