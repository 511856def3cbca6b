import { redirect } from '@sveltejs/kit';
import {
	findPersonByEmail,
	findSchema,
	grantNetworkRole,
	personParam,
	personWithRoles,
	revokeNetworkRole,
	revokeSchema,
	roleSchema
} from '$lib/server/accounts/roles';
import { publicOrigin } from '$lib/server/config';
import { unlessConfirmed } from '$lib/server/http/confirm';
import { redirectWithFlash } from '$lib/server/http/flash';
import { invalid, parseForm } from '$lib/server/http/form';
import { requestedPage } from '$lib/server/http/pages';
import { authorize } from '$lib/server/guard';
import { listNetworks } from '$lib/server/places';
import {
	decideOrganizerRequest,
	organizerDecisionSchema,
	pendingOrganizerRequests
} from '$lib/server/networks/organizers';
import type { Actions, PageServerLoad } from './$types';

const SITE = { type: 'site' } as const;
// The person found is named by account id, so no email address ever sits in an address bar or a log.
const personPage = (userId: string) => `/admin?person=${encodeURIComponent(userId)}`;

export const load: PageServerLoad = async (event) => {
	await authorize(event, 'admin:view', SITE);
	const personId = personParam.parse(event.url.searchParams.get('person'));
	const [person, networks, requests] = await Promise.all([
		personId ? personWithRoles(personId) : null,
		listNetworks(),
		pendingOrganizerRequests(requestedPage(event.url))
	]);
	return {
		personId,
		person,
		networks: networks.map(({ id, name }) => ({ id, name })),
		requests
	};
};

export const actions: Actions = {
	decide: async (event) => {
		const admin = await authorize(event, 'admin:manageRoles', SITE);
		const parsed = parseForm(organizerDecisionSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('decide', parsed);
		await decideOrganizerRequest(admin.id, parsed.data.request, parsed.data.decision === 'approve');
		redirectWithFlash(event, '/admin', 'admin_decided');
	},
	find: async (event) => {
		await authorize(event, 'admin:manageRoles', SITE);
		const parsed = parseForm(findSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('find', parsed);
		const person = await findPersonByEmail(parsed.data.email);
		if (!person) {
			return invalid('find', { values: { email: parsed.data.email }, errors: { email: 'admin_find_none' } });
		}
		redirect(303, personPage(person.id));
	},
	grant: async (event) => {
		const admin = await authorize(event, 'admin:manageRoles', SITE);
		const parsed = parseForm(roleSchema, await event.request.formData());
		if (!('data' in parsed)) return invalid('grant', parsed);
		const { userId, networkId, role } = parsed.data;
		if (!(await grantNetworkRole(admin, userId, networkId, role, publicOrigin()))) {
			return invalid('grant', {
				values: { userId, networkId: String(networkId), role },
				errors: { userId: 'admin_error_invalid' }
			});
		}
		redirectWithFlash(event, personPage(userId), 'admin_granted');
	},
	revoke: async (event) => {
		await authorize(event, 'admin:manageRoles', SITE);
		const posted = await event.request.formData();
		const parsed = parseForm(revokeSchema, posted);
		if (!('data' in parsed)) return invalid('revoke', parsed);
		const unconfirmed = unlessConfirmed('revoke', posted);
		if (unconfirmed) return unconfirmed;
		await revokeNetworkRole(parsed.data.userId, parsed.data.networkId);
		redirectWithFlash(event, personPage(parsed.data.userId), 'admin_revoked');
	}
};
