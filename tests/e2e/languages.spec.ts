// Every language, as its reader gets it: no English left behind on the key pages, Arabic and Urdu laid
// out right to left and accessible, and nothing wider than a 360 px phone, neither in any real language
// nor in a pseudo-language 40% longer than English (as German often is).
import { readFileSync } from 'node:fs';
import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs, withDatabase } from './support/auth.ts';

const LOCALES = (JSON.parse(readFileSync('project.inlang/settings.json', 'utf8')) as { locales: string[] })
	.locales;
const RTL = ['ar', 'ur'];
const NETWORK = 'ridgewood-mutual-aid-project';
const NEIGHBORHOOD = 'ridgewood';

type Message = string | { match?: Record<string, string> }[];
const catalog = (locale: string): Record<string, Message> => {
	const { $schema: _schema, ...messages } = JSON.parse(readFileSync(`messages/${locale}.json`, 'utf8'));
	return messages;
};
const texts = (message: Message | undefined) =>
	message === undefined
		? []
		: typeof message === 'string'
			? [message]
			: message.flatMap((variants) => Object.values(variants.match ?? {}));
const english = catalog('en');

/**
 * The English phrases a page in `locale` must not show: the text of every message that locale
 * translates differently, cut into sentences and at its placeholders, keeping the pieces of two words or more (a single
 * word such as a place or brand name may rightly stay in English) that the translation does not itself
 * contain.
 */
function englishPhrases(locale: string) {
	const translated = catalog(locale);
	const everything = Object.values(translated).flatMap(texts).join('\n');
	const phrases = new Map<string, string>();
	for (const [key, message] of Object.entries(english)) {
		if (JSON.stringify(message) === JSON.stringify(translated[key])) continue;
		for (const text of texts(message)) {
			for (const piece of text.split(/\{\w+\}|\n|(?<=[.!?])\s+/)) {
				const phrase = piece.trim().replace(/^[\s:,.;—–()]+|[\s:,.;—–()]+$/g, '');
				if (phrase.split(/\s+/).length < 2 || everything.includes(phrase)) continue;
				phrases.set(phrase, key);
			}
		}
	}
	return phrases;
}

/** What a reader of the page reads: its text and the labels of its controls, minus parts marked as another language. */
const readableText = (page: Page) =>
	page.evaluate(() => {
		const lang = document.documentElement.lang;
		const root = document.body.cloneNode(true) as HTMLElement;
		for (const other of root.querySelectorAll(`[lang]:not([lang="${lang}"])`)) other.remove();
		for (const hidden of root.querySelectorAll('script, style, template')) hidden.remove();
		const labels = [...root.querySelectorAll('[aria-label], [placeholder], [title], [alt]')].flatMap(
			(element) =>
				['aria-label', 'placeholder', 'title', 'alt'].map((name) => element.getAttribute(name) ?? '')
		);
		return [document.title, root.textContent ?? '', ...labels].join('\n').replace(/\s+/g, ' ');
	});

async function inLanguage(context: BrowserContext, locale: string) {
	await context.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, domain: 'localhost', path: '/' }]);
}

let postPath = '';
test.beforeAll(async () => {
	const id = await withDatabase(async (db) => {
		const author = await db.query<{ id: string }>(
			`INSERT INTO users (id, email, name, languages, profile_completed_at)
			 VALUES (gen_random_uuid()::text, $1, 'Poster', '{ar}', now()) RETURNING id`,
			[`languages-${Date.now()}@example.org`]
		);
		const post = await db.query<{ id: string }>(
			`INSERT INTO posts (kind, title, details, category, neighborhood_id, network_id, time_window, due_at,
			                    languages, author_id, created_at, updated_at, expires_at)
			 SELECT 'NEED', 'أحتاج إلى مساعدة في التسوق 42', 'Winter coat, size 8 — شكرًا', 'CLOTHING', n.id,
			        c.network_id, 'THIS_WEEK', now() + interval '7 days', '{ar}', $2, now(), now(), now() + interval '13 days'
			   FROM neighborhoods n JOIN network_coverage c ON c.neighborhood_id = n.id
			  WHERE n.slug = $1 LIMIT 1 RETURNING id`,
			[NEIGHBORHOOD, author.rows[0]!.id]
		);
		return post.rows[0]!.id;
	});
	postPath = `/posts/${id}`;
});

test('the key pages in every language leave no English UI string behind', async ({ browser }) => {
	test.setTimeout(180_000);
	const pages = () => [
		'/',
		'/board',
		'/networks',
		`/networks/${NETWORK}`,
		`/neighborhoods/${NEIGHBORHOOD}`,
		'/learn',
		'/learn/mutual-aid-vs-charity',
		postPath,
		'/posts/new',
		'/account',
		'/data'
	];
	const found: string[] = [];
	for (const locale of LOCALES.filter((l) => l !== 'en')) {
		const context = await browser.newContext({ javaScriptEnabled: false });
		await signInAs(context);
		await inLanguage(context, locale);
		const page = await context.newPage();
		const phrases = englishPhrases(locale);
		for (const path of pages()) {
			const response = await page.goto(path);
			expect(response?.status(), `${locale} ${path}`).toBe(200);
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			const text = await readableText(page);
			for (const [phrase, key] of phrases) {
				if (text.includes(phrase)) found.push(`${locale} ${path}: “${phrase}” (${key})`);
			}
		}
		await context.close();
	}
	expect(found).toEqual([]);
});

test('the phrase list holds the board’s empty state and leaves out words a translation keeps', () => {
	const phrases = englishPhrases('ar');
	expect(phrases.get('No open posts match')).toBe('board_no_results');
	expect(phrases.has('Each Other')).toBe(false);
});

for (const locale of RTL) {
	test(`${locale} reads right to left and passes axe`, async ({ page, context }) => {
		await inLanguage(context, locale);
		for (const path of ['/', '/board', postPath, '/learn/what-is-mutual-aid']) {
			await page.goto(path);
			await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
			await expect(page.locator('html')).toHaveAttribute('lang', locale);
			await expectAccessible(page);
		}
		// The start of a line is on the right: the brand sits right of the navigation's end.
		const brand = (await page.getByRole('link', { name: 'Each Other' }).boundingBox())!;
		expect(brand.x + brand.width).toBeGreaterThan((page.viewportSize()!.width * 3) / 4);
		// An English title keeps its own direction inside the Arabic page.
		await page.goto(postPath);
		await expect(page.locator('.details[dir="auto"]')).toBeVisible();
	});
}

/** Fails with the widest element when anything is wider than the window. */
async function expectNoHorizontalOverflow(page: Page, what: string) {
	const overflow = await page.evaluate(() => {
		const width = document.documentElement.clientWidth;
		if (document.documentElement.scrollWidth <= width) return null;
		const widest = [...document.querySelectorAll('body *')]
			.map((element) => ({ element, right: element.getBoundingClientRect().right }))
			.filter(({ right }) => right > width + 1)
			.sort((a, b) => b.right - a.right)[0];
		return `${document.documentElement.scrollWidth}px wide, e.g. <${widest?.element.tagName.toLowerCase()} class="${widest?.element.className}">`;
	});
	expect(overflow, what).toBeNull();
}

test.describe('on a 360 px phone', () => {
	test.use({ viewport: { width: 360, height: 740 } });

	test('no key page scrolls sideways in any language', async ({ browser }) => {
		test.setTimeout(120_000);
		const context = await browser.newContext({
			viewport: { width: 360, height: 740 },
			javaScriptEnabled: false
		});
		const page = await context.newPage();
		for (const locale of LOCALES) {
			await inLanguage(context, locale);
			for (const path of ['/', postPath]) {
				await page.goto(path);
				await expectNoHorizontalOverflow(page, `${locale} ${path}`);
			}
		}
		await context.close();
	});

	test('no key page scrolls sideways in a pseudo-language 40% longer than English', async ({
		page,
		context
	}) => {
		await signInAs(context);
		for (const path of ['/', '/board', postPath, '/posts/new']) {
			await page.goto(path);
			// Pseudo-localized in place: every piece of text, accented and padded to 140% of its length,
			// with words as long as English's longest.
			await page.evaluate(() => {
				const accents: Record<string, string> = { a: 'á', e: 'é', i: 'í', o: 'ö', u: 'ü', c: 'ç', n: 'ñ' };
				const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
				const nodes: Text[] = [];
				while (walker.nextNode()) nodes.push(walker.currentNode as Text);
				for (const node of nodes) {
					const text = node.data;
					if (!text.trim() || node.parentElement?.closest('script, style')) continue;
					const extra = Math.ceil(text.trim().length * 0.4);
					const padding = ' ŵŵŵŵ'.repeat(Math.ceil(extra / 5)).slice(0, extra);
					node.data = `${text.replace(/[aeioucn]/g, (c) => accents[c]!)}${padding}`;
				}
			});
			await expectNoHorizontalOverflow(page, `pseudo ${path}`);
		}
	});
});
