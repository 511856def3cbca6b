// No page hydrates (csr = false in the root layout; only a distribution day's door page turns it on):
// the Svelte runtime and Kit's client alone weigh more than a cheap phone plan should pay for niceties.
// A page with a form that posts gets one small static script instead, which marks the button busy so a
// neighbor on a slow connection does not send twice (static/enhance.js); a page that only reads gets no
// JavaScript file at all, only the inline line that registers the service worker
// (src/service-worker-registration.js).
import type { Handle } from '@sveltejs/kit';
import { registerServiceWorker } from '../../../service-worker-registration.js';
import { m } from '$lib/paraglide/messages';
import { escapeHtml } from '../http/html.ts';

const POSTING_FORM = /<form\b[^>]*\bmethod="post"/i;
// Svelte writes an attribute as the template spells it, and ours spell it one of these two ways. Most
// chunks have neither, and two plain searches cost far less than the regex over a whole page (issue #13).
const mayPost = (html: string) => html.includes('method="POST"') || html.includes('method="post"');

export const handleFormScript: Handle = ({ event, resolve }) => {
	// Read here, inside the locale hook's context; the page may stream after it has returned.
	const sending = escapeHtml(m.form_sending());
	// What enhance.js says about something written offline (forms marked data-offline).
	const outbox = (
		[
			['saved', m.outbox_saved()],
			['sent', m.outbox_sent()],
			['open', m.outbox_open()],
			['failed', m.outbox_failed()],
			['failed-elsewhere', m.outbox_failed_elsewhere()]
		] as const
	)
		.map(([name, text]) => ` data-${name}="${escapeHtml(text)}"`)
		.join('');
	let posts = false;
	return resolve(event, {
		transformPageChunk({ html, done }) {
			posts ||= mayPost(html) && POSTING_FORM.test(html);
			if (!done) return html;
			const enhance = posts
				? `<script src="/enhance.js" defer data-sending="${sending}"${outbox}></script>`
				: '';
			return html.replace('</body>', `${enhance}<script>${registerServiceWorker}</script></body>`);
		}
	});
};
