import { error } from '@sveltejs/kit';
import { publicAccess } from '$lib/server/guard';
import { networkCard } from '$lib/server/places/preview';
import { pngResponse, previewPng } from '$lib/server/preview-image';
import type { RequestHandler } from './$types';

/** The picture beside a link to a network. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const card = await networkCard(event.params.slug);
	if (!card) error(404, 'Not found');
	return pngResponse(await previewPng(card));
};
