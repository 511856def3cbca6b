import { error, fail } from '@sveltejs/kit';
import { can } from '$lib/policies';
import { claimNoteSchema } from '$lib/server/claims/form';
import { ClaimError } from '$lib/server/claims/lifecycle';
import { acceptStanding, stepBack, takeStanding } from '$lib/server/claims/standing';
import { publicOrigin } from '$lib/server/config';
import { authorizeSeries, publicAccess } from '$lib/server/guard';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { controlSeries, getSeriesPage, type SeriesControl } from '$lib/server/posts/series';
import { refuseIfLimited } from '$lib/server/ratelimit/limits';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await publicAccess(event);
	const series = await getSeriesPage(Number(event.params.id), viewer?.id ?? null);
	if (!series) error(404, 'Not found');
	const { authorId, standing, ...shown } = series;
	const resource = { type: 'series', authorId, standingClaimantId: standing?.claimantId ?? null } as const;
	// Who made the commitment is for the two of them, as a reply's name is on a post.
	const named = can(viewer, 'series:manage', resource) || can(viewer, 'series:stepBack', resource);
	return {
		series: {
			...shown,
			standing: standing && { name: named ? standing.name : null, accepted: standing.accepted }
		},
		can: {
			manage: can(viewer, 'series:manage', resource),
			commit: !series.ended && can(viewer, 'series:commit', resource),
			stepBack: can(viewer, 'series:stepBack', resource)
		}
	};
};

/** Runs a standing-commitment move; a rule it breaks is a 409 the page explains. */
async function commitment(
	event: RequestEvent,
	run: () => Promise<unknown>,
	flash: 'series_standing_taken' | 'series_standing_accepted' | 'series_stepped_back'
) {
	try {
		await run();
	} catch (problem) {
		if (problem instanceof ClaimError) return fail(409, { claimError: problem.problem });
		throw problem;
	}
	redirectWithFlash(event, event.url.pathname, flash);
}

const CONTROL_FLASH = { pause: 'series_paused', resume: 'series_resumed', end: 'series_ended' } as const;

async function control(event: RequestEvent, seriesId: number, what: SeriesControl): Promise<never> {
	await controlSeries(seriesId, what);
	redirectWithFlash(event, event.url.pathname, CONTROL_FLASH[what]);
}

export const actions: Actions = {
	pause: async (event) => {
		const { series } = await authorizeSeries(event, 'series:manage', Number(event.params.id));
		return control(event, series.id, 'pause');
	},
	resume: async (event) => {
		const { series } = await authorizeSeries(event, 'series:manage', Number(event.params.id));
		return control(event, series.id, 'resume');
	},
	end: async (event) => {
		const { series } = await authorizeSeries(event, 'series:manage', Number(event.params.id));
		return control(event, series.id, 'end');
	},
	accept: async (event) => {
		const { series } = await authorizeSeries(event, 'series:manage', Number(event.params.id));
		return commitment(event, () => acceptStanding(series.id, publicOrigin()), 'series_standing_accepted');
	},
	commit: async (event) => {
		const { user, series } = await authorizeSeries(event, 'series:commit', Number(event.params.id));
		const parsed = parseForm(claimNoteSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('commit', parsed);
		const refused = await refuseIfLimited(event, 'reply', user.id, { values: parsed.data });
		if (refused) return refused;
		return commitment(
			event,
			() => takeStanding(series.id, user.id, parsed.data.note, publicOrigin()),
			'series_standing_taken'
		);
	},
	stepBack: async (event) => {
		const { user, series } = await authorizeSeries(event, 'series:stepBack', Number(event.params.id));
		return commitment(event, () => stepBack(series.id, user.id, publicOrigin()), 'series_stepped_back');
	}
};
