import type { RequestEvent, ResolveOptions } from '@sveltejs/kit';
import { expect, it } from 'vitest';
import { handleFormScript } from './form-script.ts';

/** The page as the hook leaves it, rendered in the given chunks. */
async function rendered(chunks: string[]) {
	let options: ResolveOptions | undefined;
	await handleFormScript({
		event: {} as RequestEvent,
		resolve: async (_event, opts) => {
			options = opts;
			return new Response('');
		}
	});
	const out: string[] = [];
	for (const [i, html] of chunks.entries()) {
		out.push((await options!.transformPageChunk!({ html, done: i === chunks.length - 1 })) ?? '');
	}
	return out.join('');
}

// The busy-button label, and what the offline outbox says, travel as data attributes.
const SCRIPT = '<script src="/enhance.js" defer data-sending="Sending…" data-saved="No connection:';

it('gives a page with a form that posts the busy-button script, with its label', async () => {
	expect(
		await rendered(['<body><form method="POST" action="?/claim"><button>Go</button></form></body>'])
	).toContain(SCRIPT);
});

it('finds the form in an earlier chunk of a streamed page', async () => {
	expect(await rendered(['<body><form class="x" method="post">', '</form><p>later</p></body>'])).toContain(
		SCRIPT
	);
});

it('gives a page that only reads, or only searches, no script file: only the service-worker line', async () => {
	const page = await rendered(['<body><form method="GET" action="/board"><input name="q"></form></body>']);
	expect(page).not.toContain('<script src=');
	expect(page.match(/<script>[^<]*<\/script>/g)).toEqual([
		"<script>if('serviceWorker' in navigator)addEventListener('load',function(){navigator.serviceWorker.register('/service-worker.js')})</script>"
	]);
});
