// Telling "the database is down" apart from a bug, so people get a 503 that says to try again rather
// than a 500, and nothing that depends on the database mistakes the outage for "no data"; and a
// reference to a missing row apart from a bug, so it is a form error.
import { Prisma } from './generated/client.ts';

/** Thrown where an outage would otherwise look like an answer (a session that seems not to exist). */
export class DatabaseUnreachable extends Error {
	constructor() {
		super('The database does not answer');
		this.name = 'DatabaseUnreachable';
	}
}

// Prisma: can't reach server, connection timed out, server closed the connection, pool timed out.
// pg and Node: refused, reset or timed out sockets; PostgreSQL shutting down or starting up.
const CODES = new Set([
	'P1001',
	'P1002',
	'P1017',
	'P2024',
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EPIPE',
	'57P01',
	'57P03'
]);
// Prisma's driver adapters say what went wrong in meta.driverAdapterError.cause.kind.
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout']);
// pg's own errors for a lost or never-made connection carry no code.
const MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Can't reach database server/;

export function isDatabaseUnreachable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	if (error instanceof DatabaseUnreachable) return true;
	const { code, meta, message, cause } = error as {
		code?: unknown;
		meta?: { driverAdapterError?: { cause?: { kind?: unknown } } };
		message?: unknown;
		cause?: unknown;
	};
	if (typeof code === 'string' && CODES.has(code)) return true;
	const kind = meta?.driverAdapterError?.cause?.kind;
	if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
	if (typeof message === 'string' && MESSAGES.test(message)) return true;
	return isDatabaseUnreachable(cause, depth + 1);
}

/**
 * A write that named a row which is not there: a foreign key to a missing row (P2003) or an update of
 * a missing one (P2025). Where the id came from a form, that is the sender's mistake, not a 500.
 */
export const isMissingReference = (problem: unknown) =>
	problem instanceof Prisma.PrismaClientKnownRequestError &&
	(problem.code === 'P2003' || problem.code === 'P2025');

/** PostgreSQL cancelled the statement when it ran past its statement_timeout (57014). */
export const isStatementTimeout = (problem: unknown) =>
	problem instanceof Prisma.PrismaClientKnownRequestError &&
	(problem.meta as { driverAdapterError?: { cause?: { code?: unknown } } } | undefined)?.driverAdapterError
		?.cause?.code === '57014';

/** A row that a unique constraint says is there already: someone else's identical write won the race. */
export const isUniqueViolation = (error: unknown) =>
	error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
