// An intake post is filed by a moderator as their network: every surface that names a post's poster
// names the network ("for a neighbor"), and none shows the moderator, the neighbor or their contacts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, requestEvent } from '../../../../tests/support/request-event.ts';
import * as activityPage from '../../../routes/activity/+page.server.ts';
import * as api from '../../../routes/api/posts/+server.ts';
import * as boardPage from '../../../routes/board/+page.server.ts';
import * as claimPage from '../../../routes/claims/[id=id]/+page.server.ts';
import * as neighborhoodFeed from '../../../routes/neighborhoods/[slug=slug]/[format=feed]/+server.ts';
import * as neighborhoodPage from '../../../routes/neighborhoods/[slug=slug]/+page.server.ts';
import * as networkFeed from '../../../routes/networks/[slug=slug]/[format=feed]/+server.ts';
import * as networkPage from '../../../routes/networks/[slug=slug]/+page.server.ts';
import * as postPage from '../../../routes/posts/[id=id]/+page.server.ts';
import { acceptClaim, createClaim } from '../claims/lifecycle.ts';
import { sendMessage } from '../claims/threads.ts';
import type { Database } from '../db/index.ts';
import { fileIntake } from '../moderation/intake.ts';
import { postSchema, readPostForm } from './form.ts';

let db: Database;
const RUN = `p${Date.now().toString(36)}`;
const NETWORK = 'bushwick-ayuda-mutua';
const PLACE = 'bushwick-west';

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = (name: string, extra: { phone?: string; shareContact?: boolean } = {}) =>
	db.user.create({
		data: { email: `${name.split(' ')[0]!.toLowerCase()}-${RUN}@example.org`, name, uiLocale: 'en', ...extra }
	});

async function teamMember(networkId: number, name: string) {
	const user = await person(name, { phone: '718 555 0142', shareContact: true });
	await db.networkMembership.create({ data: { userId: user.id, networkId, role: 'MODERATOR' } });
	return { ...user, isAdmin: false, memberships: [{ networkId, role: 'MODERATOR' as const }] };
}

/** What a surface gave, as text to search: page data as JSON, an endpoint's body as it is sent. */
async function text(run: Promise<{ kind: string; data?: unknown }>) {
	const outcome = await run;
	expect(outcome.kind).toBe('data');
	return outcome.data instanceof Response ? outcome.data.text() : JSON.stringify(outcome.data);
}

it('names an intake post after its network everywhere, never the moderator who filed or answered it', async () => {
	const network = await db.network.findUniqueOrThrow({ where: { slug: NETWORK } });
	const marisol = await teamMember(network.id, `Marisol ${RUN}`);
	const tomas = await teamMember(network.id, `Tomás ${RUN}`);
	const volunteer = await person(`Volunteer ${RUN}`);
	const title = `Spare groceries from a neighbor ${RUN}`;
	const fields = new FormData();
	for (const [k, v] of Object.entries({
		// An offer with places left stays open after one is accepted, so the board and feeds still list it.
		kind: 'OFFER',
		quantity: '3',
		title,
		category: 'GROCERIES',
		neighborhood: PLACE,
		network: String(network.id),
		timeWindow: 'THIS_WEEK'
	})) {
		fields.append(k, v);
	}
	const filed = await fileIntake(marisol, postSchema.parse(readPostForm(fields)), {
		name: `Rosa ${RUN}`,
		contact: '347 555 0199'
	});
	if (!filed.ok) throw new Error(JSON.stringify(filed));
	const claimId = await createClaim(filed.id, volunteer.id, 'I can bring them Saturday', 'http://x.test');
	await acceptClaim(claimId, 'http://x.test', new Date(), tomas.id);
	await sendMessage(claimId, tomas.id, 'She says Saturday morning is best');

	const id = String(filed.id);
	const asVolunteer = { userId: volunteer.id };
	const surfaces: Record<string, string> = {
		'post page': await text(
			call(postPage.load, await requestEvent({ path: `/posts/${id}`, params: { id } }))
		),
		'post page, signed in': await text(
			call(postPage.load, await requestEvent({ path: `/posts/${id}`, params: { id }, ...asVolunteer }))
		),
		board: await text(call(boardPage.load, await requestEvent({ path: `/board?network=${NETWORK}` }))),
		api: await text(call(api.GET, await requestEvent({ path: `/api/posts?network=${NETWORK}` }))),
		'network page': await text(
			call(networkPage.load, await requestEvent({ path: `/networks/${NETWORK}`, params: { slug: NETWORK } }))
		),
		'network feed': await text(
			call(
				networkFeed.GET,
				await requestEvent({
					path: `/networks/${NETWORK}/atom.xml`,
					params: { slug: NETWORK, format: 'atom' }
				})
			)
		),
		'neighborhood page': await text(
			call(
				neighborhoodPage.load,
				await requestEvent({ path: `/neighborhoods/${PLACE}`, params: { slug: PLACE } })
			)
		),
		'neighborhood feed': await text(
			call(
				neighborhoodFeed.GET,
				await requestEvent({
					path: `/neighborhoods/${PLACE}/rss.xml`,
					params: { slug: PLACE, format: 'rss' }
				})
			)
		),
		'claim page': await text(
			call(
				claimPage.load,
				await requestEvent({ path: `/claims/${claimId}`, params: { id: String(claimId) }, ...asVolunteer })
			)
		),
		activity: await text(call(activityPage.load, await requestEvent({ path: '/activity', ...asVolunteer }))),
		mails: JSON.stringify(
			await db.outboxMessage.findMany({
				where: { toAddress: volunteer.email! },
				select: { subject: true, text: true }
			})
		)
	};

	for (const [surface, shown] of Object.entries(surfaces)) {
		expect(shown, surface).toContain(title);
		for (const secret of [
			marisol.name,
			marisol.email,
			tomas.name,
			tomas.email,
			'718 555 0142',
			`Rosa ${RUN}`,
			'347 555 0199'
		]) {
			expect(shown, `${surface} shows ${secret}`).not.toContain(secret);
		}
	}
	for (const surface of ['post page', 'claim page', 'activity', 'mails']) {
		expect(surfaces[surface], surface).toContain(JSON.stringify(network.name).slice(1, -1));
	}
	const post = JSON.parse(surfaces['post page']!) as { post: { postedBy: unknown } };
	expect(post.post.postedBy).toEqual({ forNeighbor: true, name: network.name });
	const claim = JSON.parse(surfaces['claim page']!) as {
		claim: { otherName: string; otherContact: unknown; relayed: boolean; messages: { mine: boolean }[] };
	};
	expect(claim.claim).toMatchObject({ otherName: network.name, otherContact: null, relayed: true });
	expect(claim.claim.messages.map((message) => message.mine)).toEqual([false]);
});
