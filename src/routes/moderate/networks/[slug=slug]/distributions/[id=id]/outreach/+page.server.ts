import { fail } from '@sveltejs/kit';
import {
	DayOverError,
	defaultTemplates,
	eligibleHouseholds,
	NobodyToInviteError,
	outreachRuns,
	PREVIEW_PAGE_SIZE,
	sinceDaysOf,
	startOutreach,
	startSchema,
	stopOutreach
} from '$lib/server/distributions/outreach';
import { authorizeDistribution } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { requestedPage } from '$lib/server/http/pages';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
	const sinceDays = sinceDaysOf(event.url.searchParams.get('since'));
	const page = requestedPage(event.url);
	const [households, runs] = await Promise.all([
		eligibleHouseholds(distribution.id, sinceDays),
		outreachRuns(distribution.id)
	]);
	return {
		network: { name: network.name, slug: network.slug },
		distribution: { id: distribution.id, date: distribution.date, closed: distribution.closedAt !== null },
		sinceDays,
		matching: households.length,
		names: households
			.slice((page - 1) * PREVIEW_PAGE_SIZE, page * PREVIEW_PAGE_SIZE)
			.map((household) => ({ id: household.id, name: household.name })),
		page,
		pages: Math.max(1, Math.ceil(households.length / PREVIEW_PAGE_SIZE)),
		templates: defaultTemplates(distribution.languages, network.name),
		runs
	};
};

const base = (slug: string, id: number) => `/moderate/networks/${slug}/distributions/${id}/outreach`;

export const actions: Actions = {
	start: async (event) => {
		const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
		const parsed = parseForm(startSchema(distribution.languages), await event.request.formData());
		if (!('data' in parsed)) return invalid('start', parsed);
		try {
			await startOutreach(distribution.id, parsed.data.templates, parsed.data.sinceDays);
		} catch (problem) {
			if (problem instanceof DayOverError)
				return fail(409, { form: 'start', values: {}, errors: { form: 'distribution_is_closed' as const } });
			if (!(problem instanceof NobodyToInviteError)) throw problem;
			return fail(409, { form: 'start', values: {}, errors: { form: 'outreach_error_nobody' as const } });
		}
		redirectWithFlash(event, base(network.slug, distribution.id), 'outreach_started');
	},
	stop: async (event) => {
		const { network, distribution } = await authorizeDistribution(event, event.params.slug, event.params.id);
		const run = Number((await event.request.formData()).get('run'));
		if (Number.isSafeInteger(run)) await stopOutreach(distribution.id, run);
		redirectWithFlash(event, base(network.slug, distribution.id), 'outreach_stopped');
	}
};
