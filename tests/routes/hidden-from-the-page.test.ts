// Rules a page shows by leaving a button out, held by the actions themselves: a crafted request to a post
// nobody may see, or to organize a network that is no longer active, changes nothing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as organizePage from '../../src/routes/networks/[slug=slug]/organize/+page.server.ts';
import * as postPage from '../../src/routes/posts/[id=id]/+page.server.ts';
import type { Database } from '../../src/lib/server/db/index.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { transition } from '../../src/lib/server/posts/lifecycle.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, form, requestEvent } from '../support/request-event.ts';

let db: Database;
const RUN = `hp${Date.now().toString(36)}`;
let counter = 0;

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const person = async () =>
	(
		await db.user.create({
			data: { email: `p${++counter}-${RUN}@example.org`, name: 'Someone', profileCompletedAt: new Date() }
		})
	).id;

it('refuses a report on a withdrawn post, which its page shows nobody but its poster', async () => {
	const poster = await person();
	const reporter = await person();
	const fields = { kind: 'NEED', title: `Gone ${RUN}`, category: 'MEALS', neighborhood: 'kensington' };
	const created = await createPost(
		poster,
		postSchema.parse(readPostForm(form({ ...fields, timeWindow: 'TODAY' })))
	);
	if (!created.ok) throw new Error(JSON.stringify(created));
	await transition(created.id, 'withdraw');
	const report = await call(
		postPage.actions.report,
		await requestEvent({
			path: `/posts/${created.id}?/report`,
			params: { id: String(created.id) },
			userId: reporter,
			body: form({ reason: 'SPAM' })
		})
	);
	expect(report).toEqual({ kind: 'error', status: 404 });
	expect(await db.report.count({ where: { postId: created.id } })).toBe(0);
});

it('refuses a request to organize a network that is no longer active', async () => {
	const asker = await person();
	const network = await db.network.findFirstOrThrow({ where: { inactiveSince: null, status: 'LISTED' } });
	await db.network.update({ where: { id: network.id }, data: { inactiveSince: new Date() } });
	try {
		const event = () =>
			requestEvent({
				path: `/networks/${network.slug}/organize`,
				params: { slug: network.slug },
				userId: asker,
				body: form({ role: 'ORGANIZER', verification: 'I run its group chat' })
			});
		expect(await call(organizePage.load, await event())).toEqual({ kind: 'error', status: 404 });
		expect(await call(organizePage.actions.default, await event())).toEqual({ kind: 'error', status: 404 });
		expect(await db.organizerRequest.count({ where: { userId: asker } })).toBe(0);
	} finally {
		await db.network.update({ where: { id: network.id }, data: { inactiveSince: null } });
	}
});
