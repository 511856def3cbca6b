// The language a post is written in: chosen on the post form (the interface language unless the poster
// says otherwise), editable, read by search in that language, and behind the board's "in a language I
// speak" filter, which only a signed-in person with languages on their profile is offered.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import * as boardPage from '../../../routes/board/+page.server.ts';
import * as newPost from '../../../routes/posts/new/+page.server.ts';
import * as editPost from '../../../routes/posts/[id=id]/edit/+page.server.ts';
import type { Database } from '../db/index.ts';
import { listBoard, parseBoardFilters } from './board.ts';

let db: Database;
const RUN = `zl${Date.now().toString(36)}`;
const person = (name: string, languages: string[]) =>
	db.user.create({
		data: { email: `${name}-${RUN}@example.org`, name, languages, profileCompletedAt: new Date() }
	});

beforeAll(async () => {
	db = await useTestDatabase();
});
afterAll(disconnectDatabase);

const fields = (title: string, extra: Record<string, string> = {}) => ({
	kind: 'NEED',
	title: `${title} ${RUN}`,
	details: '',
	category: 'MOVING',
	neighborhood: 'kensington',
	timeWindow: 'THIS_WEEK',
	...extra
});

async function post(userId: string, title: string, extra: Record<string, string> = {}) {
	const event = await requestEvent({ path: '/posts/new', userId, body: form(fields(title, extra)) });
	const outcome = await call(newPost.actions.default, event);
	expect(outcome).toMatchObject({ kind: 'redirect', status: 303 });
	const id = Number((outcome as { location: string }).location.match(/\/posts\/(\d+)/)![1]);
	return db.post.findUniqueOrThrow({ where: { id }, select: { id: true, language: true } });
}

const found = async (words: string) =>
	(await listBoard(parseBoardFilters(new URLSearchParams({ q: `${words} ${RUN}` })))).posts.map((p) => p.id);

it('records the language chosen on the form, or the interface language, and edits it', async () => {
	const poster = await person('poster', ['es', 'en']);
	const spanish = await post(poster.id, 'Necesito cajas para la mudanza', { language: 'es' });
	expect(spanish.language).toBe('es');
	expect((await post(poster.id, 'Boxes for moving')).language).toBe('en');
	expect(
		await call(
			newPost.actions.default,
			await requestEvent({
				path: '/posts/new',
				userId: poster.id,
				body: form(fields('Bad language', { language: 'xx' }))
			})
		)
	).toMatchObject({ kind: 'fail', data: { errors: { language: 'post_error_language' } } });

	// Read as Spanish: "mudanzas" finds it by its Spanish stem.
	expect(await found('mudanzas')).toEqual([spanish.id]);
	expect(await found('move')).not.toContain(spanish.id);
	const path = `/posts/${spanish.id}/edit`;
	const edit = (language: string) =>
		requestEvent({
			path,
			params: { id: String(spanish.id) },
			userId: poster.id,
			body: form(fields('Moving boxes and the mudanza', { language }))
		}).then((event) => call(editPost.actions.default, event));
	expect(await edit('en')).toMatchObject({ kind: 'redirect', status: 303 });
	expect(await db.post.findUniqueOrThrow({ where: { id: spanish.id } })).toMatchObject({ language: 'en' });
	// Read as English now: "move" finds it by its English stem.
	expect(await found('move')).toContain(spanish.id);
});

it('offers "in a language I speak" to a person with languages, and lists only posts in them', async () => {
	const writer = await person('writer', ['en']);
	const bengali = await post(writer.id, 'আমার বাড়িতে বাজার দরকার', { language: 'bn' });
	const speaksBengali = await post(writer.id, 'Groceries, I speak Bengali', { languages: 'bn' });
	const chinese = await post(writer.id, '需要人幫忙搬家', { language: 'zh-Hant' });
	const english = await post(writer.id, 'Groceries in English only', { languages: 'en' });
	const mine = [bengali.id, speaksBengali.id, chinese.id, english.id];

	const board = async (userId?: string) => {
		const event = await requestEvent({ path: `/board?spoken=on&q=${RUN}&limit=100`, userId });
		const outcome = await call(boardPage.load, event);
		const data = (outcome as { data: { canFilterSpoken: boolean; posts: { id: number }[] } }).data;
		return {
			offered: data.canFilterSpoken,
			ids: data.posts.map((p) => p.id).filter((id) => mine.includes(id))
		};
	};
	const bengaliReader = await person('reader', ['bn']);
	expect(await board(bengaliReader.id)).toEqual({ offered: true, ids: [speaksBengali.id, bengali.id] });
	// Chinese in either script is Chinese to someone who speaks it.
	const chineseReader = await person('chinese', ['zh', 'ru']);
	expect(await board(chineseReader.id)).toEqual({ offered: true, ids: [chinese.id] });
	// Nobody's languages to go by: not offered, and the parameter changes nothing.
	const everything = [...mine].reverse();
	expect(await board()).toEqual({ offered: false, ids: everything });
	expect(await board((await person('silent', [])).id)).toEqual({ offered: false, ids: everything });
});
