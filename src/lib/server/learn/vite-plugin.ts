// Build-time Learn content: every content/learn/<lang>/<slug>.md, rendered and sanitized, exposed to
// the app as the virtual module `virtual:learn-content`. Editing a page needs no code change.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { renderLearnPage, type LearnPage } from './render.ts';

const MODULE_ID = 'virtual:learn-content';
const RESOLVED_ID = `\0${MODULE_ID}`;

export function learnContent(contentDir = 'content/learn'): Plugin {
	const root = path.resolve(contentDir);
	return {
		name: 'each-other-learn-content',
		resolveId: (id) => (id === MODULE_ID ? RESOLVED_ID : undefined),
		load(id) {
			if (id !== RESOLVED_ID) return;
			const pages: Record<string, Record<string, LearnPage>> = {};
			for (const locale of readdirSync(root)) {
				const dir = path.join(root, locale);
				this.addWatchFile(dir);
				pages[locale] = {};
				for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
					const full = path.join(dir, file);
					this.addWatchFile(full);
					pages[locale][file.slice(0, -3)] = renderLearnPage(readFileSync(full, 'utf8'), full);
				}
			}
			return `export default ${JSON.stringify(pages)};`;
		}
	};
}
