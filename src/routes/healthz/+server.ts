import { json } from '@sveltejs/kit';
import { databaseAnswers } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = async () => {
	const ok = await databaseAnswers();
	return json(
		{ db: ok ? 'ok' : 'unavailable' },
		{ status: ok ? 200 : 503, headers: { 'cache-control': 'no-store' } }
	);
};
