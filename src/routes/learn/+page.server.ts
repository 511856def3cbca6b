import { error } from '@sveltejs/kit';
import { getLearnPage, listLearnPages } from '$lib/server/learn';
import { getLocale } from '$lib/paraglide/runtime';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	const locale = getLocale();
	const page = getLearnPage('index', locale);
	if (!page) error(404, 'Not found');
	return { page, pages: listLearnPages(locale) };
};
