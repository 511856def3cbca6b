import { publicAccess } from '$lib/server/guard';
import { translationFeedbackUrl } from '$lib/server/config';
import { takeFlash } from '$lib/server/http/flash';
import { linkPreview } from '$lib/server/http/preview';
import { m } from '$lib/paraglide/messages';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async (event) => {
	const user = await publicAccess(event);
	// Only what the header needs, and the confirmation a form's redirect left for this page. Reading the
	// flash reads the URL, so this load runs again on every navigation and a confirmation never lingers.
	return {
		viewer: user
			? { name: user.name, isAdmin: user.isAdmin, moderates: user.isAdmin || user.memberships.length > 0 }
			: null,
		flash: takeFlash(event),
		translationFeedbackUrl: translationFeedbackUrl(),
		// Every page has a link preview; a public page's own load replaces this one with what it shows.
		preview: linkPreview(event, { title: m.site_name(), description: m.site_tagline() })
	};
};
