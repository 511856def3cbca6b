import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { grantNetworkRole, listPeopleWithRoles, revokeNetworkRole } from '$lib/server/accounts/roles';
import { authorize } from '$lib/server/guard';
import { listNetworks } from '$lib/server/places';
import { decideOrganizerRequest, pendingOrganizerRequests } from '$lib/server/places/organizers';
import type { Actions, PageServerLoad } from './$types';

const SITE = { type: 'site' } as const;
const roleForm = z.object({
	userId: z.string().min(1),
	networkId: z.coerce.number().int().positive(),
	role: z.enum(['ORGANIZER', 'MODERATOR'])
});

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
		const form = await event.request.formData();
		await decideOrganizerRequest(admin.id, Number(form.get('request')), form.get('decision') === 'approve');
		return { done: 'decided' as const };
	},
	grant: async (event) => {
		const admin = await authorize(event, 'admin:manageRoles', SITE);
		const parsed = roleForm.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: 'invalid' as const });
		await grantNetworkRole(admin.id, parsed.data.userId, parsed.data.networkId, parsed.data.role);
		return { done: 'granted' as const };
	},
	revoke: async (event) => {
		await authorize(event, 'admin:manageRoles', SITE);
		const parsed = roleForm
			.pick({ userId: true, networkId: true })
			.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success) return fail(400, { error: 'invalid' as const });
		await revokeNetworkRole(parsed.data.userId, parsed.data.networkId);
		return { done: 'revoked' as const };
	}
};
