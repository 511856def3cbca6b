import { Prisma } from './generated/client.ts';

/**
 * A write that named a row which is not there: a foreign key to a missing row (P2003) or an update of
 * a missing one (P2025). Where the id came from a form, that is the sender's mistake, not a 500.
 */
export const isMissingReference = (problem: unknown) =>
	problem instanceof Prisma.PrismaClientKnownRequestError &&
	(problem.code === 'P2003' || problem.code === 'P2025');
