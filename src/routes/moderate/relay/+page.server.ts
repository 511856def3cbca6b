import { moderatedNetworksOf } from '$lib/server/guard';
import { requestedPage } from '$lib/server/http/pages';
import { relayInbox } from '$lib/server/moderation/relay';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { user } = await moderatedNetworksOf(event);
	return relayInbox(user, requestedPage(event.url));
};
