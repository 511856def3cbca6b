import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/guard';
import { openPostsDigest } from '$lib/server/moderation';
import { networkToModerate } from '$lib/server/moderation/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { network } = await networkToModerate(event, event.params.slug);
	const digest = await openPostsDigest(network.id, event.url.origin, {
		need: m.digest_need(),
		offer: m.digest_offer()
	});
	return { network: { name: network.name }, digest };
};
