import { requireUser } from '$lib/server/guard';
import * as audit from '$lib/server/moderation/audit';
import { myModeratedNetworks } from '$lib/server/moderation/access';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requireUser(event);
	const { networks } = await myModeratedNetworks(event);
	return { entries: await audit.list(networks.map((n) => n.id)) };
};
