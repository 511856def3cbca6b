// Search as neighbors type it: plurals, missing accents and any case, in English and Spanish, on the
// real database (the stemmers and unaccent live in PostgreSQL, not here).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import type { Database } from '../db/index.ts';
import { listBoard, parseBoardFilters } from './board.ts';
import { createPost } from './index.ts';
import { postSchema, readPostForm } from './form.ts';

let db: Database;
// Every query also carries this word, so other tests' posts never match.
const RUN = `zs${Date.now().toString(36)}`;
const ids: Record<string, number> = {};

const POSTS = {
	groceries: { title: `Groceries for my mother ${RUN}`, details: 'This week, please.' },
	ninos: { title: `Ropa de invierno ${RUN}`, details: 'Abrigos para niños de 6 años.' },
	familia: { title: `Comida para una familia ${RUN}`, details: 'Somos cuatro.' },
	cafe: { title: `Cafe and a chat ${RUN}`, details: 'Mornings at the corner.' }
} as const;

beforeAll(async () => {
	db = await useTestDatabase();
	const author = await db.user.create({
		data: { email: `search-${RUN}@example.org`, name: 'Searcher', profileCompletedAt: new Date() }
	});
	for (const [key, text] of Object.entries(POSTS)) {
		const form = new FormData();
		const fields = { kind: 'NEED', category: 'GROCERIES', neighborhood: 'kensington', ...text };
		for (const [name, value] of Object.entries(fields)) form.append(name, value);
		form.append('timeWindow', 'THIS_WEEK');
		form.append('languages', 'en');
		const input = postSchema.parse(readPostForm(form));
		const created = await createPost(author.id, input);
		if (!created.ok) throw new Error(`could not post ${key}: ${JSON.stringify(created)}`);
		ids[key] = created.id;
	}
	const open = await db.post.count({ where: { id: { in: Object.values(ids) }, status: 'OPEN' } });
	if (open !== Object.keys(POSTS).length) throw new Error('every search fixture must be on the board');
});
afterAll(disconnectDatabase);

const found = async (words: string) => {
	const { posts } = await listBoard(parseBoardFilters(new URLSearchParams({ q: `${words} ${RUN}` })));
	return posts.map((post) => Object.keys(ids).find((key) => ids[key] === post.id)).sort();
};

it.each([
	['grocery', ['groceries']],
	['Grocery', ['groceries']],
	['GROCERIES', ['groceries']],
	['ninos', ['ninos']],
	['niños', ['ninos']],
	['NIÑOS', ['ninos']],
	['Niño', ['ninos']],
	['familias', ['familia']],
	['Familia', ['familia']],
	['FAMILIAS', ['familia']],
	['café', ['cafe']],
	['abrigo', ['ninos']],
	['"for my mother"', ['groceries']],
	['grocery -mother', []],
	['bicycle', []]
])('"%s" finds %o', async (words, expected) => {
	expect(await found(words)).toEqual(expected);
});
