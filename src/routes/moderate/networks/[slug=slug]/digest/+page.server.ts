import { m } from '$lib/paraglide/messages';
import { requireUser } from '$lib/server/guard';
import { openPostsDigest } from '$lib/server/moderation/exports';
import { networkToModerate } from '$lib/server/moderation/access';
import { publicOrigin } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { network } = await networkToModerate(event, event.params.slug);
	const digest = await openPostsDigest(network.id, publicOrigin(), {
		need: m.digest_need(),
		offer: m.digest_offer()
	});
	return { network: { name: network.name }, digest };
};
