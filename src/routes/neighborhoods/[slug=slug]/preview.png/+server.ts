import { error } from '@sveltejs/kit';
import { publicAccess } from '$lib/server/guard';
import { neighborhoodCard } from '$lib/server/places/preview';
import { pngResponse, previewPng } from '$lib/server/preview-image';
import type { RequestHandler } from './$types';

/** The picture beside a link to a neighborhood. */
export const GET: RequestHandler = async (event) => {
	await publicAccess(event);
	const card = await neighborhoodCard(event.params.slug);
	if (!card) error(404, 'Not found');
	return pngResponse(await previewPng(card));
};
