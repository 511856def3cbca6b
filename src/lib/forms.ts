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
		return async ({ formElement, result, update }) => {
			// Successful actions redirect, often back to the same page, which keeps this component and so
			// the text just sent: SvelteKit resets a form only for a success without a redirect.
			if (reset && result.type === 'redirect') formElement.reset();
			await update({ reset });
			setBusy(false);
		};
	};
}
