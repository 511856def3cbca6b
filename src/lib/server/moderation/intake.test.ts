import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { postSchema, readPostForm } from '../posts/form.ts';
import { fileIntake, moderatedNetworks } from './intake.ts';

let db: Database;
const RUN = `i${Date.now().toString(36)}`;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string) =>
	db.user.create({ data: { email: `${name.toLowerCase()}-${RUN}-${++counter}@example.org`, name } });

it('scopes the networks someone moderates to their memberships, or all for an admin', async () => {
	const networks = await moderatedNetworks({ isAdmin: false, memberships: [{ networkId: 1 }] });
	expect(networks.map((n) => n.id)).toEqual([1]);
	expect((await moderatedNetworks({ isAdmin: true, memberships: [] })).length).toBe(await db.network.count());
	expect(await moderatedNetworks({ isAdmin: false, memberships: [] })).toEqual([]);
});

describe('posting for a neighbor', () => {
	const intake = { name: 'Rosa', contact: '718 555 0199' };
	const form = (neighborhood: string, network: number) => {
		const data = new FormData();
		for (const [k, v] of Object.entries({
			kind: 'NEED',
			title: `Intake ${RUN}`,
			category: 'MEALS',
			neighborhood,
			network: String(network),
			timeWindow: 'TODAY'
		})) {
			data.append(k, v);
		}
		return postSchema.parse(readPostForm(data));
	};
	const network = async (slug: string) => (await db.network.findUniqueOrThrow({ where: { slug } })).id;
	async function moderatorOf(networkId: number) {
		const user = await person('Intake mod');
		await db.networkMembership.create({ data: { userId: user.id, networkId, role: 'MODERATOR' } });
		return { id: user.id, isAdmin: false, memberships: [{ networkId }] };
	}

	it("refuses a neighborhood outside the moderator's networks, writing nothing", async () => {
		const woodbine = await network('woodbine-mutual-aid');
		const moderator = await moderatorOf(woodbine);
		const posts = await db.post.count({ where: { authorId: moderator.id } });
		const logged = await db.moderationLogEntry.count({ where: { actorId: moderator.id } });

		// Kensington has one network, not Woodbine: the post would land there with Rosa's number.
		expect(await fileIntake(moderator, form('kensington', woodbine), intake)).toEqual({
			ok: false,
			reason: 'outside-networks'
		});
		expect(await db.post.count({ where: { authorId: moderator.id } })).toBe(posts);
		expect(await db.moderationLogEntry.count({ where: { actorId: moderator.id } })).toBe(logged);
	});

	it('files it in the network it lands in, and logs it there', async () => {
		const kensington = await network('kensington-group-for-mutual-aid');
		const moderator = await moderatorOf(kensington);
		const outcome = await fileIntake(moderator, form('kensington', kensington), intake);
		if (!outcome.ok) throw new Error(JSON.stringify(outcome));
		const post = await db.post.findUniqueOrThrow({ where: { id: outcome.id } });
		expect(post).toMatchObject({ networkId: kensington, intakeName: 'Rosa', authorId: moderator.id });
		const log = await db.moderationLogEntry.findMany({ where: { postId: outcome.id } });
		expect(log.map((entry) => [entry.action, entry.networkId])).toEqual([['intake', kensington]]);
	});
});
