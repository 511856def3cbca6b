import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** WCAG 2.2 AA, as axe can judge it automatically. */
export async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page })
		.withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
		// Our pages have no frames, so axe runs in the page itself rather than frame by frame with a
		// second page to gather the results; and it details only what fails. Both cut its time by half or
		// more, which is most of the browser suite's.
		.setLegacyMode(true)
		.options({ resultTypes: ['violations'] })
		.analyze();
	const summary = results.violations.map(
		(v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`
	);
	expect(summary, 'axe violations').toEqual([]);
}

/**
 * The same check for a page opened with JavaScript off. axe cannot run there (its work waits on timers a
 * page without scripts never fires), so the page as the browser holds it is opened again, its scripts
 * taken out, in a page where axe can run; styles and images still come from the app.
 */
export async function expectAccessibleWithoutScripts(page: Page) {
	const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, '');
	const where = new URL(page.url());
	const browser = page.context().browser();
	if (!browser) throw new Error('No browser to check the page in');
	const context = await browser.newContext({ javaScriptEnabled: true });
	try {
		const copy = await context.newPage();
		await copy.route(
			(url) => url.href === where.href.replace(/#.*$/, ''),
			(route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
		);
		await copy.goto(where.href);
		await expectAccessible(copy);
	} finally {
		await context.close();
	}
}
