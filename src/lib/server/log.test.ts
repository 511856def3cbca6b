import { Writable } from 'node:stream';
import pg from 'pg';
import { expect, it } from 'vitest';
import { createLogger, withRequestId } from './log.ts';

function capture() {
	const lines: Record<string, unknown>[] = [];
	const stream = new Writable({
		write(chunk, _encoding, done) {
			lines.push(JSON.parse(String(chunk)));
			done();
		}
	});
	return { lines, log: createLogger(stream) };
}

it('writes JSON lines that carry the id of the request they belong to', async () => {
	const { lines, log } = capture();
	await withRequestId('req-1', async () => {
		await Promise.resolve();
		log.info({ postId: 7 }, 'post created');
	});
	log.info('between requests');
	expect(lines[0]).toMatchObject({ requestId: 'req-1', postId: 7, msg: 'post created', level: 30 });
	expect(lines[1]).not.toHaveProperty('requestId');
});

it('censors personal fields, at the top level and one level down', () => {
	const { lines, log } = capture();
	log.warn(
		{ email: 'neighbor@example.org', claim: { note: 'call me at 718-555-0100', id: 3 }, to: 'x@example.org' },
		'oops'
	);
	const written = JSON.stringify(lines[0]);
	expect(written).not.toContain('example.org');
	expect(written).not.toContain('555');
	expect(lines[0]).toMatchObject({ email: '[redacted]', claim: { id: 3, note: '[redacted]' } });
});

it('keeps what names a database error (code, constraint, table, column) but not the row values in its detail', () => {
	const { lines, log } = capture();
	const error = new pg.DatabaseError(
		'duplicate key value violates unique constraint "users_email_key"',
		0,
		'error'
	);
	Object.assign(error, {
		code: '23505',
		constraint: 'users_email_key',
		table: 'users',
		column: 'email',
		detail: 'Key (email)=(neighbor@example.org) already exists.',
		where: 'SQL statement "INSERT INTO users VALUES (\'neighbor@example.org\')"'
	});
	log.error({ err: error }, 'sign-in failed');
	expect(lines[0]?.err).toMatchObject({
		type: 'DatabaseError',
		code: '23505',
		constraint: 'users_email_key',
		table: 'users',
		column: 'email'
	});
	expect(JSON.stringify(lines[0])).not.toContain('example.org');
});
