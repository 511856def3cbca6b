import { error, fail, redirect } from '@sveltejs/kit';
import { answerInvitation, invitationByToken } from '$lib/server/distributions/outreach';
import { publicAccess } from '$lib/server/guard';
import type { Actions, PageServerLoad } from './$types';

// A household answers its invitation here without an account: the token in the texted link is the only
// key, and the page shows the day and the household's own time, nothing else about anyone.
export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const invitation = await invitationByToken(event.params.token);
	if (!invitation) error(404, 'Not found');
	return {
		locale: invitation.locale,
		network: invitation.distribution.network.name,
		date: invitation.distribution.date,
		place: invitation.distribution.place,
		status: invitation.status,
		slot: invitation.slot?.startsAt ?? null,
		closed: invitation.distribution.closedAt !== null
	};
};

async function answer(token: string, choice: 'come' | 'decline') {
	const invitation = await invitationByToken(token);
	if (!invitation) error(404, 'Not found');
	const reply = await answerInvitation(invitation.id, choice);
	// What happened shows on the page as its new status; only a refusal (no room, a closed day) needs words.
	if (reply !== 'booked' && reply !== 'declined') return fail(409, { reply });
	redirect(303, `/i/${token}`);
}

export const actions: Actions = {
	come: async (event) => {
		await publicAccess(event);
		return answer(event.params.token, 'come');
	},
	decline: async (event) => {
		await publicAccess(event);
		return answer(event.params.token, 'decline');
	}
};
