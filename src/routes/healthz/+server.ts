import { json } from '@sveltejs/kit';
import { databaseAnswers } from '$lib/server/db';
import { publicAccess } from '$lib/server/guard';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const ok = await databaseAnswers();
	return json(
		{ db: ok ? 'ok' : 'unavailable' },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
