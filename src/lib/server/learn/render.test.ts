import { describe, expect, it } from 'vitest';
import { renderLearnPage } from './render.ts';

const page = (body: string, sources = '') => `---
title: A page
description: What it is about.
lastReviewed: 2026-11-26
sources:${sources || ' []'}
---
${body}`;

describe('renderLearnPage', () => {
	it('renders Markdown with section ids and a contents list', () => {
		const result = renderLearnPage(
			page('## First part\n\nHello **there**.\n\n## Second part\n\n### Detail\n\nMore.')
		);
		expect(result.title).toBe('A page');
		expect(result.lastReviewed).toBe('2026-11-26');
		expect(result.contents).toEqual([
			{ id: 'first-part', text: 'First part' },
			{ id: 'second-part', text: 'Second part' }
		]);
		expect(result.html).toContain('<h2 id="first-part">First part</h2>');
		expect(result.html).toContain('<h3 id="detail">Detail</h3>');
		expect(result.html).toContain('<strong>there</strong>');
	});

	it('demotes a Markdown h1, since the page title is the only h1', () => {
		expect(renderLearnPage(page('# Big\n\ntext')).html).toContain('<h2 id="big">Big</h2>');
	});

	it('removes scripts, event handlers, raw HTML and javascript: links', () => {
		const { html } = renderLearnPage(
			page(
				'<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n[click](javascript:alert(3)) <b onclick="x()">bold</b>\n\n<iframe src="https://evil.example"></iframe>'
			)
		);
		expect(html).not.toMatch(/<script|onerror|onclick|javascript:|<iframe|<img/i);
	});

	it('marks external links and keeps internal ones', () => {
		const { html } = renderLearnPage(
			page('[networks](/networks) and [Kropotkin](https://www.gutenberg.org/ebooks/4341)')
		);
		expect(html).toContain('<a href="/networks">networks</a>');
		expect(html).toContain(
			'<a href="https://www.gutenberg.org/ebooks/4341" rel="external noopener">Kropotkin</a>'
		);
	});

	it('renders tables with column headers and each row named by its first cell', () => {
		const { html } = renderLearnPage(
			page('| | Charity | Mutual aid |\n|---|---|---|\n| Who decides | Donors. | Everyone. |')
		);
		expect(html).toContain(
			'<thead><tr><td></td><th scope="col">Charity</th><th scope="col">Mutual aid</th></tr></thead>'
		);
		expect(html).toContain('<tr><th scope="row">Who decides</th><td>Donors.</td><td>Everyone.</td></tr>');
	});

	it('fails when a citation points at a source the page does not list', () => {
		expect(() =>
			renderLearnPage(
				page(
					'Said so ([source](#source-missing)).',
					'\n  - id: real\n    text: A book.\n    url: https://example.org/'
				),
				'en/x.md'
			)
		).toThrow('en/x.md: cites #source-missing, which is not in its sources');
	});

	it('fails with the field at fault when the frontmatter is incomplete', () => {
		expect(() => renderLearnPage('---\ntitle: Only a title\n---\nBody', 'en/y.md')).toThrow(
			/en\/y\.md: description/
		);
		expect(() => renderLearnPage('No frontmatter at all', 'en/z.md')).toThrow(
			/starts with a --- frontmatter block/
		);
	});
});
