import { error } from '@sveltejs/kit';
import { getLearnPage, learnPreview, listLearnPages } from '$lib/server/learn';
import { getLocale } from '$lib/paraglide/runtime';
import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const locale = getLocale();
	const page = getLearnPage('index', locale);
	if (!page) error(404, 'Not found');
	return { page, pages: listLearnPages(locale), preview: learnPreview(event, page) };
};
