// Search as neighbors type it: plurals, missing accents and any case, each post read in the language
// it is written in, and words found inside longer ones in scripts without spaces or stemmers, on the
// real database (the stemmers and accent folding live in PostgreSQL, not here).
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
	groceries: { language: 'en', title: `Groceries for my mother ${RUN}`, details: 'This week, please.' },
	ninos: { language: 'es', title: `Ropa de invierno ${RUN}`, details: 'Abrigos para niños de 6 años.' },
	familia: { language: 'es', title: `Comida para una familia ${RUN}`, details: 'Somos cuatro.' },
	cafe: { language: 'en', title: `Cafe and a chat ${RUN}`, details: 'Mornings at the corner.' },
	running: { language: 'en', title: `Running club ${RUN}`, details: 'The universe of errands, together.' },
	mudanza: { language: 'es', title: `Ayuda con la mudanza ${RUN}`, details: 'Cajas pesadas.' },
	vetements: { language: 'fr', title: `Vêtements pour enfants ${RUN}`, details: 'Tailles 4 à 6 ans.' },
	produkty: { language: 'ru', title: `Продукты для бабушки ${RUN}`, details: 'Ёлка тоже.' },
	arabic: { language: 'ar', title: `أحتاج مساعدة في التسوق ${RUN}`, details: 'شكرا' },
	banjia: { language: 'zh-Hans', title: `我需要帮助搬家 ${RUN}`, details: '周六上午。' },
	// Written in English, with the poster's Chinese after it, as bilingual posts here often are.
	bilingual: { language: 'en', title: `Help with a move ${RUN}`, details: 'Saturday. 我需要帮助搬家' },
	school: { language: 'ko', title: `학교에서 아이를 데려와 주세요 ${RUN}`, details: '오후 3시' },
	bazar: { language: 'bn', title: `আমার বাড়িতে বাজার দরকার ${RUN}`, details: 'ধন্যবাদ' },
	dawa: { language: 'ur', title: `مجھے دوائیں چاہئیں ${RUN}`, details: 'شکریہ' },
	manje: { language: 'ht', title: `Mwen bezwen manje pou pitit mwen ${RUN}`, details: 'Nou pale Kreyòl.' },
	lodz: { language: 'pl', title: `Pomoc w przeprowadzce ${RUN}`, details: 'Z Łodzi na Greenpoint.' }
} as const;

beforeAll(async () => {
	db = await useTestDatabase();
	const author = await db.user.create({
		data: { email: `search-${RUN}@example.org`, name: 'Searcher', profileCompletedAt: new Date() }
	});
	for (const [key, post] of Object.entries(POSTS)) {
		const form = new FormData();
		const fields = { kind: 'NEED', category: 'GROCERIES', neighborhood: 'kensington', ...post };
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
	['bicycle', []],
	// English stems, in English posts only: "universidad" and "universe" share a Spanish stem.
	['run', ['running']],
	['RUNS', ['running']],
	['universidad', []],
	['universes', ['running']],
	['mudanzas', ['mudanza']],
	['ayudar', ['mudanza']],
	['vetement', ['vetements']],
	['ENFANT', ['vetements']],
	['продукт', ['produkty']],
	['БАБУШКА', ['produkty']],
	['елка', ['produkty']],
	['مساعدة', ['arabic']],
	['مُسَاعَدَة', ['arabic']],
	// Scripts without spaces between words, or endings no stemmer removes: found inside longer words.
	['搬家', ['banjia', 'bilingual']],
	['帮助', ['banjia', 'bilingual']],
	['搬运', []],
	// The words around the pairs are read as written, in any post: "help" here is not a stem.
	['help 搬家', ['bilingual']],
	['학교', ['school']],
	['아이', ['school']],
	['বাড়ি', ['bazar']],
	['বাজার', ['bazar']],
	['دوا', ['dawa']],
	// Latin-script languages without a stemmer: the words as written, accents folded.
	['manje', ['manje']],
	['kreyol', ['manje']],
	['lodzi', ['lodz']],
	['przeprowadzce', ['lodz']]
])('"%s" finds %o', async (words, expected) => {
	expect(await found(words)).toEqual(expected);
});

it('reads a search one way per language for the index, leaving out a reading a stop word empties', async () => {
	const [row] = await db.$queryRaw<{ readings: string[]; whole: string }[]>`
		SELECT search_query_readings('The')::text[] AS readings, search_query('The')::text AS whole`;
	// "the" is an English stop word, so the English reading is empty, and so is the Russian one, whose
	// stemmer reads Latin letters as English; the other readings keep it.
	expect(row!.readings).toEqual(["'the'", "'es:the'", "'fr:the'", "'ar:the'"]);
	expect(row!.whole).toBe(row!.readings.join(' | '));
});

it('reads a post in a language with a stemmer by its stems alone, and the words as written where it has none or has the pairs', async () => {
	const documents = await db.$queryRaw<{ id: number; lexemes: string[] }[]>`
		SELECT id, tsvector_to_array(search) AS lexemes FROM posts WHERE id = ANY (${Object.values(ids)})`;
	const lexemes = (key: keyof typeof POSTS) => documents.find((row) => row.id === ids[key])!.lexemes;
	// Its words as written would only be a second list of the same posts in the search index, read
	// again for every search: every query is also read in each stemmed language (search_query_readings).
	expect(lexemes('groceries')).toContain('en:groceri');
	expect(lexemes('groceries')).not.toContain('groceries');
	expect(lexemes('mudanza')).toContain('es:mudanz');
	expect(lexemes('mudanza')).not.toContain('mudanza');
	expect(lexemes('produkty')).not.toContain('продукты');
	// Haitian Creole has no stemmer: its words are read as written.
	expect(lexemes('manje')).toContain('manje');
	// The pairs reading of a query keeps its other words as written ('help' & '搬家').
	expect(lexemes('bilingual')).toEqual(expect.arrayContaining(['help', 'en:help', '搬家']));
});
