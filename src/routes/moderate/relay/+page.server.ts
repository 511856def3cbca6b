import { moderatedNetworksOf } from '$lib/server/guard';
import { relayInbox, relayPageSchema } from '$lib/server/moderation/relay';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = await moderatedNetworksOf(event);
	return relayInbox(user, relayPageSchema.parse(event.url.searchParams.get('page')));
};
