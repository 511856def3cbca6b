// Tap targets of at least 44 × 44 CSS px (see tap-targets.spec.ts for the rule and its exceptions).
import type { Page } from '@playwright/test';

export const GOAL = 44;

/** Every control smaller than GOAL × GOAL px, described for the failure message. */
export async function smallTargets(page: Page): Promise<string[]> {
	return page.evaluate((goal) => {
		const controls = document.querySelectorAll<HTMLElement>(
			'a[href], button, input:not([type="hidden"]), select, textarea, summary'
		);
		const small: string[] = [];
		for (const control of controls) {
			if (control.closest('svg')) continue;
			const own = control.getBoundingClientRect();
			// Hidden (a closed panel, the skip link before it is focused) is not tappable.
			if (own.width === 0 || own.height === 0 || own.bottom <= 0) continue;
			if (control.tagName === 'A') {
				const block = control.parentElement?.closest('p, li, dd, td, figcaption, label');
				const sentence = block?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
				const text = control.textContent?.replace(/\s+/g, ' ').trim() ?? '';
				if (sentence.length > text.length) continue;
			}
			// A checkbox or radio is tapped through its label too.
			const toggle = control instanceof HTMLInputElement && /^(checkbox|radio)$/.test(control.type);
			const target = (toggle && control.labels?.[0]) || control;
			const box = target === control ? own : target.getBoundingClientRect();
			if (box.width < goal - 0.5 || box.height < goal - 0.5) {
				const name = (control.textContent || control.getAttribute('aria-label') || control.id).trim();
				small.push(
					`${control.tagName.toLowerCase()} "${name.slice(0, 40)}" ${Math.round(box.width)}×${Math.round(box.height)}`
				);
			}
		}
		return small;
	}, GOAL);
}
