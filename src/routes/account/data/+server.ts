import { json } from '@sveltejs/kit';
import { exportUserData } from '$lib/server/accounts/export';
import { authorizeAccount } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	const user = await authorizeAccount(event, 'account:export');
	const data = await exportUserData(user.id);
	return json(data, {
		headers: {
			'content-disposition': 'attachment; filename="each-other-my-data.json"',
			'cache-control': 'no-store'
		}
	});
};
