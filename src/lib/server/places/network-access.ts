import { error, type RequestEvent } from '@sveltejs/kit';
import type { Action } from '$lib/policies';
import { db } from '../db/index.ts';
import { authorize } from '../guard.ts';

/** The network named in the URL, if the actor may do `action` to it; a 404 otherwise. */
export async function networkFor(event: RequestEvent, action: Action) {
	const network = await db.network.findUnique({
		where: { slug: event.params.slug ?? '' },
		select: { id: true, name: true, slug: true }
	});
	if (!network) error(404, 'Not found');
	const user = await authorize(event, action, { type: 'network', id: network.id });
	return { user, network };
}
