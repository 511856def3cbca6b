import { error } from '@sveltejs/kit';
import { publicAccess } from '$lib/server/guard';
import { pngResponse, previewPng } from '$lib/server/preview-image';
import { postCard } from '$lib/server/posts/preview';
import type { RequestHandler } from './$types';

/** The picture beside a link to a post anyone may see. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const card = await postCard(Number(event.params.id));
	if (!card) error(404, 'Not found');
	return pngResponse(await previewPng(card));
};
