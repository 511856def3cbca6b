import {
	grantNetworkRole,
	listPeopleWithRoles,
	revokeNetworkRole,
	revokeSchema,
	roleSchema
} from '$lib/server/accounts/roles';
import { publicOrigin } from '$lib/server/config';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { authorize } from '$lib/server/guard';
import { listNetworks } from '$lib/server/places';
import {
	decideOrganizerRequest,
	organizerDecisionSchema,
	pendingOrganizerRequests
} from '$lib/server/networks/organizers';
import type { Actions, PageServerLoad } from './$types';

const SITE = { type: 'site' } as const;

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'admin:view', SITE);
	const [people, networks, requests] = await Promise.all([
		listPeopleWithRoles(),
		listNetworks(),
		pendingOrganizerRequests()
	]);
	return { people, networks: networks.map(({ id, name }) => ({ id, name })), requests };
};

export const actions: Actions = {
	decide: async (event) => {
		const admin = await authorize(event, 'admin:manageRoles', SITE);
		const parsed = parseForm(organizerDecisionSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('decide', parsed);
		await decideOrganizerRequest(admin.id, parsed.data.request, parsed.data.decision === 'approve');
		redirectWithFlash(event, '/admin', 'admin_decided');
	},
	grant: async (event) => {
		const admin = await authorize(event, 'admin:manageRoles', SITE);
		const parsed = parseForm(roleSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('grant', parsed);
		const { userId, networkId, role } = parsed.data;
		if (!(await grantNetworkRole(admin.id, userId, networkId, role, publicOrigin()))) {
			return invalid('grant', {
				values: { userId, networkId: String(networkId), role },
				errors: { userId: 'admin_error_invalid' }
			});
		}
		redirectWithFlash(event, '/admin', 'admin_granted');
	},
	revoke: async (event) => {
		await authorize(event, 'admin:manageRoles', SITE);
		const parsed = parseForm(revokeSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('revoke', parsed);
		await revokeNetworkRole(parsed.data.userId, parsed.data.networkId);
		redirectWithFlash(event, '/admin', 'admin_revoked');
	}
};
