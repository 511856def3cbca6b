import { closeDistribution } from '$lib/server/distributions/close';
import { itemsOfDay, slotsWithBookings } from '$lib/server/distributions/events';
import { callList, invitationCounts } from '$lib/server/distributions/outreach';
import { authorizeDistribution } from '$lib/server/guard';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
	const [slots, items, counts, calls] = await Promise.all([
		slotsWithBookings(distribution.id),
		itemsOfDay(distribution.id),
		invitationCounts(distribution.id),
		callList(distribution.id)
	]);
	return {
		network: { name: network.name, slug: network.slug },
		distribution: {
			id: distribution.id,
			date: distribution.date,
			place: distribution.place,
			languages: distribution.languages,
			notes: distribution.notes,
			closed: distribution.closedAt !== null
		},
		slots,
		items,
		counts,
		calls
	};
};

export const actions: Actions = {
	close: async (event) => {
		const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
		// Ending marks no-shows and may close requests with a text to each household: asked first.
		const unconfirmed = unlessConfirmed('close', await event.request.formData());
		if (unconfirmed) return unconfirmed;
		await closeDistribution(distribution.id);
		redirectWithFlash(
			event,
			`/moderate/networks/${network.slug}/distributions/${distribution.id}`,
			'distribution_ended'
		);
	}
};
