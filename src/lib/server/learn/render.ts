// Turns a Learn page (Markdown with YAML frontmatter, written by organizers in content/learn/<lang>/)
// into sanitized HTML. Runs at build time from the Vite plugin beside it, so a broken page fails the
// build rather than a request.
import GithubSlugger from 'github-slugger';
import { Marked, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

const frontmatterSchema = z.object({
	title: z.string().min(1),
	description: z.string().min(1),
	lastReviewed: z.union([z.string(), z.date()]).transform((value, ctx) => {
		const iso = value instanceof Date ? value.toISOString().slice(0, 10) : value;
		if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) {
			ctx.addIssue({ code: 'custom', message: 'lastReviewed must be a date like 2026-11-26' });
		}
		return iso;
	}),
	sources: z
		.array(z.object({ id: z.string().regex(/^[a-z0-9-]+$/), text: z.string().min(1), url: z.url() }))
		.default([])
});

export interface LearnPage {
	title: string;
	description: string;
	lastReviewed: string;
	sources: { id: string; text: string; url: string }[];
	/** Sanitized HTML of the body. */
	html: string;
	/** The page's sections, for its contents list. */
	contents: { id: string; text: string }[];
}

const ALLOWED_TAGS = [
	'h2',
	'h3',
	'h4',
	'p',
	'ul',
	'ol',
	'li',
	'a',
	'strong',
	'em',
	'blockquote',
	'code',
	'hr',
	'br',
	'table',
	'thead',
	'tbody',
	'tr',
	'th',
	'td'
];

export function sanitize(html: string): string {
	return sanitizeHtml(html, {
		allowedTags: ALLOWED_TAGS,
		allowedAttributes: { a: ['href', 'rel'], h2: ['id'], h3: ['id'], h4: ['id'], th: ['scope'] },
		allowedSchemes: ['http', 'https', 'mailto'],
		allowProtocolRelative: false,
		transformTags: {
			a: (tagName, attribs) => {
				const external = /^https?:/i.test(attribs.href ?? '');
				return { tagName, attribs: external ? { ...attribs, rel: 'external noopener' } : attribs };
			}
		}
	});
}

function splitFrontmatter(source: string, file: string) {
	const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n([\s\S]*)$/.exec(source);
	if (!match) throw new Error(`${file}: a Learn page starts with a --- frontmatter block ---`);
	return { frontmatter: parseYaml(match[1]!) as unknown, body: match[2]! };
}

export function renderLearnPage(source: string, file = 'page'): LearnPage {
	const { frontmatter, body } = splitFrontmatter(source, file);
	const parsed = frontmatterSchema.safeParse(frontmatter);
	if (!parsed.success) {
		throw new Error(
			`${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`
		);
	}
	const meta = parsed.data;
	const slugger = new GithubSlugger();
	const contents: LearnPage['contents'] = [];
	const marked = new Marked({
		gfm: true,
		renderer: {
			heading(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Heading) {
				// The page title is the only h1; Markdown sections start at h2.
				const depth = Math.max(2, token.depth);
				const id = slugger.slug(token.text);
				if (depth === 2) contents.push({ id, text: token.text.replace(/[*_`]/g, '') });
				return `<h${depth} id="${id}">${this.parser.parseInline(token.tokens)}</h${depth}>\n`;
			},
			table(this: { parser: { parseInline(tokens: Tokens.Generic[]): string } }, token: Tokens.Table) {
				const inline = (cell: Tokens.TableCell) => this.parser.parseInline(cell.tokens);
				// A comparison table: column headers on top, each row named by its first cell.
				const head = token.header
					.map((cell) => (cell.text.trim() ? `<th scope="col">${inline(cell)}</th>` : '<td></td>'))
					.join('');
				const body = token.rows
					.map(
						(row) =>
							`<tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${inline(cell)}</th>` : `<td>${inline(cell)}</td>`)).join('')}</tr>`
					)
					.join('\n');
				return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>\n`;
			}
		}
	});
	const html = sanitize(marked.parse(body, { async: false }));

	const ids = new Set(meta.sources.map((s) => s.id));
	for (const [, id] of html.matchAll(/href="#source-([^"]+)"/g)) {
		if (!ids.has(id!)) throw new Error(`${file}: cites #source-${id}, which is not in its sources`);
	}
	return { ...meta, html, contents };
}
