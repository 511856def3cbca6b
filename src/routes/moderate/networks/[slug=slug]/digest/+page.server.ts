import { m } from '$lib/paraglide/messages';
import { openPostsDigest } from '$lib/server/moderation/exports';
import { authorizeNetwork } from '$lib/server/guard';
import { publicOrigin } from '$lib/server/config';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:moderate', event.params.slug);
	const digest = await openPostsDigest(network.id, publicOrigin(), {
		need: m.digest_need(),
		offer: m.digest_offer()
	});
	return { network: { name: network.name }, digest };
};
