// A network may cap how many claims one volunteer holds at once on its posts, so nobody takes on more
// than they can carry and one eager person does not sit on every request. The cap is enforced where
// claims are made (claims/lifecycle.ts, createClaim), under a lock, so it holds across app instances.
import { z } from 'zod';
import { db } from '../db/index.ts';
import * as audit from '../moderation/audit.ts';

export const CLAIM_CAP_MAX = 50;

/** Empty means no limit. */
export const limitsSchema = z.object({
	claimCap: z
		.string()
		.trim()
		.regex(/^\d{0,3}$/, 'limits_error_claim_cap')
		.transform((value) => (value === '' ? null : Number(value)))
		.pipe(
			z
				.number()
				.int()
				.min(1, 'limits_error_claim_cap')
				.max(CLAIM_CAP_MAX, 'limits_error_claim_cap')
				.nullable()
		)
});

/** Callers authorize 'network:capacity' first. Only a real change is written and logged. */
export async function setLimits(
	actorId: string,
	networkId: number,
	{ claimCap }: z.output<typeof limitsSchema>
) {
	await db.$transaction(async (tx) => {
		const current = await tx.network.findUniqueOrThrow({
			where: { id: networkId },
			select: { claimCap: true }
		});
		if (current.claimCap === claimCap) return;
		await tx.network.update({ where: { id: networkId }, data: { claimCap } });
		const details = claimCap === null ? 'claim cap: none' : `claim cap: ${claimCap}`;
		await audit.record(tx, { networkId, actorId, action: 'limits', details });
	});
}
