import { fail } from '@sveltejs/kit';
import { authorizeNetwork } from '$lib/server/guard';
import { dryRun, IMPORT_FIELDS, runImport, type DryRun } from '$lib/server/households/import';
import { redirectWithFlash } from '$lib/server/http/flash';
import { formWithinLimit } from '$lib/server/http/form';
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

/** The upload checked: a body bigger than the server takes is a file too big, as one over 1 MB is. */
async function readUpload(networkId: number, request: Request): Promise<DryRun> {
	const posted = await formWithinLimit(request);
	return posted ? dryRun(networkId, posted) : { ok: false, reason: 'household_import_too_big' };
}

export const actions: Actions = {
	preview: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const dry = await readUpload(network.id, event.request);
		if (!dry.ok) return fail(400, { form: 'upload', errors: { file: dry.reason } });
		// The dry run comes back as a form for a second step, as a confirmation does (http/confirm.ts):
		// nothing is written until the person sends it again with Import.
		return fail(400, { form: 'preview', ...report(dry) });
	},
	import: async (event) => {
		const { network } = await authorizeNetwork(event, 'network:households', event.params.slug);
		const dry = await readUpload(network.id, event.request);
		if (!dry.ok) return fail(400, { form: 'upload', errors: { file: dry.reason } });
		if (!dry.plan) return fail(400, { form: 'preview', ...report(dry) });
		// Exactly what the dry run reported: which rows cannot be imported depends on the file alone.
		await runImport(network.id, dry.plan);
		redirectWithFlash(event, `/moderate/networks/${network.slug}/households`, 'household_imported');
	}
};
