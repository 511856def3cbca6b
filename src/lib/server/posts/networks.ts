// Which network a post in a neighborhood belongs to: the local networks that cover it, or, where none
// does, the borough-wide and citywide ones, marked as a fallback.
import { db } from '../db/index.ts';
import type { Prisma } from '../db/generated/client.ts';

export interface NetworkChoice {
	id: number;
	name: string;
	fallback: boolean;
}

export async function networkChoicesFor(
	neighborhoodId: number,
	reader: typeof db | Prisma.TransactionClient = db
): Promise<NetworkChoice[]> {
	const neighborhood = await reader.neighborhood.findUniqueOrThrow({
		where: { id: neighborhoodId },
		select: { boroughId: true, coverage: { select: { network: { select: { id: true, name: true } } } } }
	});
	if (neighborhood.coverage.length) {
		return neighborhood.coverage
			.map(({ network }) => ({ ...network, fallback: false }))
			.sort((a, b) => a.name.localeCompare(b.name));
	}
	const wide = await reader.network.findMany({
		where: { coverage: { none: {} }, OR: [{ boroughId: neighborhood.boroughId }, { boroughId: null }] },
		orderBy: [{ boroughId: { sort: 'asc', nulls: 'last' } }, { name: 'asc' }],
		select: { id: true, name: true }
	});
	return wide.map((network) => ({ ...network, fallback: true }));
}
