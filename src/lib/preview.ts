// The shapes of a page's link preview and share links: built on the server (server/http/preview.ts),
// rendered by the root layout and the share control.
export interface LinkPreview {
	title: string;
	description: string;
	/** The page's public address in the language the preview is written in. */
	url: string;
	type: 'website' | 'article';
	locale: string;
	alternateLocales: string[];
	siteName: string;
	/** A picture of the page's card (PNG, `width` × `height`), where the page has one. */
	image: { url: string; width: number; height: number } | null;
}

export interface ShareLinks {
	url: string;
	whatsapp: string;
	sms: string;
}
