import { fail } from '@sveltejs/kit';
import { authorizeNetwork } from '$lib/server/guard';
import { dryRun, IMPORT_FIELDS, runImport, type DryRun } from '$lib/server/households/import';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
	return { network: { name: network.name, slug: network.slug }, fields: IMPORT_FIELDS };
};

/** What the page shows of a dry run: the report, and only the first few households it read. */
function report(dry: Extract<DryRun, { ok: true }>) {
	const { plan, ...rest } = dry;
	return {
		...rest,
		plan: plan && {
			households: plan.households.length,
			existing: plan.existing,
			joined: plan.joined,
			problems: plan.problems,
			sample: plan.households.slice(0, 5)
		}
	};
}

export const actions: Actions = {
	preview: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const dry = await dryRun(network.id, await event.request.formData());
		if (!dry.ok) return fail(400, { form: 'upload', errors: { file: dry.reason } });
		return { form: 'preview', ...report(dry) };
	},
	import: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const dry = await dryRun(network.id, await event.request.formData());
		if (!dry.ok) return fail(400, { form: 'upload', errors: { file: dry.reason } });
		if (!dry.plan) return fail(400, { form: 'preview', ...report(dry) });
		await runImport(network.id, dry.plan);
		// Shown, not redirected to: the report is the result. Sending it again imports nothing twice,
		// since every household is joined by its phone and every request is opened once.
		return { form: 'done', ...report(dry) };
	}
};
