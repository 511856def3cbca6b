import { fail, redirect } from '@sveltejs/kit';
import { applyOperation, bookedForDay, findAtDoor, operationSchema } from '$lib/server/distributions/checkin';
import { newToken } from '$lib/server/distributions/events';
import { authorizeDistribution } from '$lib/server/guard';
import { invalid, parseForm } from '$lib/server/http/form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
	const q = (event.url.searchParams.get('q') ?? '').slice(0, 100);
	const [booked, found] = await Promise.all([
		bookedForDay(distribution.id),
		findAtDoor(distribution.id, network.id, q)
	]);
	return {
		network: { name: network.name, slug: network.slug },
		distribution: { id: distribution.id, date: distribution.date },
		q,
		booked,
		found,
		// Names this rendering's changes: the same form sent twice from it is applied once.
		seed: newToken()
	};
};

export const actions: Actions = {
	apply: async (event) => {
		const { distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
		const posted = await event.request.formData();
		const parsed = parseForm(operationSchema, posted);
		if (!('data' in parsed)) return invalid('apply', parsed);
		const applied = await applyOperation(distribution, parsed.data);
		if (applied === 'refused') return fail(404, { form: 'apply', applied });
		// Back to the same search, with the change shown; the page's offline queue only needs to know the
		// server took the operation, which a redirect answer says as well as data would.
		const q = String(posted.get('q') ?? '');
		redirect(303, `${event.url.pathname}${q ? `?q=${encodeURIComponent(q)}` : ''}`);
	}
};
