// Guards for moderation pages: a 404, revealing nothing, to anyone who moderates no network here.
import { error, type RequestEvent } from '@sveltejs/kit';
import { db } from '../db/index.ts';
import { authorize, requireUser } from '../guard.ts';
import { moderatedNetworks } from './intake.ts';

export async function myModeratedNetworks(event: RequestEvent) {
	const user = await requireUser(event);
	const networks = await moderatedNetworks(user);
	if (!networks.length) error(404, 'Not found');
	return { user, networks };
}

export async function networkToModerate(event: RequestEvent, slug: string) {
	const network = await db.network.findUnique({
		where: { slug },
		select: { id: true, name: true, slug: true }
	});
	if (!network) error(404, 'Not found');
	const user = await authorize(event, 'network:moderate', { type: 'network', id: network.id });
	return { user, network };
}
