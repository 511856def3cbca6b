// A network may cap how many claims one volunteer holds at once on its posts, so nobody takes on more
// than they can carry and one eager person does not sit on every request. The cap is enforced where
// claims are made (claims/lifecycle.ts, createClaim), under a lock, so it holds across app instances.
import { z } from 'zod';
import { db } from '../db/index.ts';
import * as audit from '../moderation/audit.ts';
import { DAILY_CAP_MAX } from './intake-queue.ts';

export const CLAIM_CAP_MAX = 50;

/** A small whole number up to `max`, or empty for no limit. */
const optionalLimit = (max: number, message: string) =>
	z
		.string()
		.trim()
		.regex(/^\d{0,4}$/, message)
		.transform((value) => (value === '' ? null : Number(value)))
		.pipe(z.number().int().min(1, message).max(max, message).nullable());

export const limitsSchema = z.object({
	claimCap: optionalLimit(CLAIM_CAP_MAX, 'limits_error_claim_cap'),
	// New requests a day before the rest wait in the queue (networks/intake-queue.ts).
	dailyRequestCap: optionalLimit(DAILY_CAP_MAX, 'limits_error_daily_cap').optional()
});

/** Callers authorize 'network:capacity' first. Only a real change is written and logged. */
export async function setLimits(
	actorId: string,
	networkId: number,
	{ claimCap, dailyRequestCap: asked }: z.output<typeof limitsSchema>
) {
	await db.$transaction(async (tx) => {
		const current = await tx.network.findUniqueOrThrow({
			where: { id: networkId },
			select: { claimCap: true, dailyRequestCap: true }
		});
		// A form without the field (an older page, a script) leaves the daily cap as it was.
		const dailyRequestCap = asked === undefined ? current.dailyRequestCap : asked;
		if (current.claimCap === claimCap && current.dailyRequestCap === dailyRequestCap) return;
		await tx.network.update({ where: { id: networkId }, data: { claimCap, dailyRequestCap } });
		const details = [
			claimCap === null ? 'claim cap: none' : `claim cap: ${claimCap}`,
			dailyRequestCap === null ? 'daily requests: no limit' : `daily requests: ${dailyRequestCap}`
		].join('; ');
		await audit.record(tx, { networkId, actorId, action: 'limits', details });
	});
}
