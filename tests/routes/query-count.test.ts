// How many SQL statements a page costs once the reference data (boroughs, neighborhoods, networks) is in
// memory: only its own content.
import pg from 'pg';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import * as boardPage from '../../src/routes/board/+page.server.ts';
import { disconnectDatabase, useTestDatabase } from '../support/database.ts';
import { call, requestEvent } from '../support/request-event.ts';

beforeAll(useTestDatabase);
afterAll(disconnectDatabase);

// The board wraps its one query in a transaction that sets its own time limit (posts/board.ts): those
// are not reads of content, so they are not counted.
const BOOKKEEPING = /^\s*(BEGIN|COMMIT|ROLLBACK)\b|^\s*SELECT set_config\(/i;

/**
 * Statements that read or write content, sent to PostgreSQL while `work` runs (Prisma's pg adapter
 * sends each through a pool client).
 */
async function statementsDuring(work: () => Promise<unknown>) {
	const query = vi.spyOn(pg.Client.prototype, 'query');
	try {
		await work();
		const texts = query.mock.calls.map(([sent]) =>
			typeof sent === 'string' ? sent : ((sent as { text?: string }).text ?? '')
		);
		expect(texts.length).toBeGreaterThan(0);
		return texts.filter((text) => !BOOKKEEPING.test(text)).length;
	} finally {
		query.mockRestore();
	}
}

const loadBoard = async (path: string) =>
	expect(await call(boardPage.load, await requestEvent({ path }))).toMatchObject({ kind: 'data' });

it('loads the board in one statement once the places are in memory', async () => {
	const cold = await statementsDuring(() => loadBoard('/board'));
	expect(cold).toBeGreaterThan(1);
	expect(await statementsDuring(() => loadBoard('/board'))).toBe(1);
	expect(await statementsDuring(() => loadBoard('/board?kind=NEED&q=groceries'))).toBe(1);
});
