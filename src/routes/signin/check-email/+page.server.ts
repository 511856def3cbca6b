import { recallSignInEmail } from '$lib/server/auth/pending-email';
import { mailConfig } from '$lib/server/config';
import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	// The page names this browser's own address: no shared cache may keep it.
	event.setHeaders({ 'cache-control': 'private, no-store' });
	return { email: recallSignInEmail(event.cookies), linkInLog: !mailConfig().smtpUrl };
};
