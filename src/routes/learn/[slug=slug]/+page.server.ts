import { error } from '@sveltejs/kit';
import { getLearnPage, LEARN_SLUGS, learnPreview, listLearnPages } from '$lib/server/learn';
import { getLocale } from '$lib/paraglide/runtime';
import { publicAccess } from '$lib/server/guard';
import type { PageServerLoad } from './$types';

const isLearnSlug = (slug: string): slug is (typeof LEARN_SLUGS)[number] =>
	(LEARN_SLUGS as readonly string[]).includes(slug);

export const load: PageServerLoad = async (event) => {
	await publicAccess(event);
	const { params } = event;
	const locale = getLocale();
	const page = isLearnSlug(params.slug) ? getLearnPage(params.slug, locale) : null;
	if (!page) error(404, 'Not found');
	return {
		page,
		pages: listLearnPages(locale).filter((p) => p.slug !== params.slug),
		preview: learnPreview(event, page)
	};
};
