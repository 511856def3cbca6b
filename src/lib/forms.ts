// Progressive enhancement shared by the app's forms: each works without JavaScript; with it, the submit
// button can show that the server has not answered yet.
import type { SubmitFunction } from '@sveltejs/kit';

/**
 * `use:enhance={whileSending((busy) => (sending = busy))}` marks the form busy until the server has
 * answered. `reset: false` keeps the fields after a success too, for forms that stay on the page with
 * what was saved (SvelteKit never clears them after a failure).
 */
export function whileSending(setBusy: (busy: boolean) => void, { reset = true } = {}): SubmitFunction {
	return () => {
		setBusy(true);
		return async ({ update }) => {
			await update({ reset });
			setBusy(false);
		};
	};
}
