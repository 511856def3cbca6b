// Mail that a scheduled job sends once per due row, however many app instances run the job: each row
// is claimed by a conditional update and its mail queued in the same transaction, so the instance that
// loses the race for a row queues nothing for it, and a failed queue leaves the row due for next time.
import { preferredLocale } from '$lib/i18n/locales';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';

type Tx = Prisma.TransactionClient;

export interface DueMail<Row> {
	/** Rows that look due now; another instance may claim any of them first. */
	find: () => Promise<Row[]>;
	/**
	 * A conditional update that marks the row handled only while it is still due. A row may stand for
	 * several records (a digest): the count of those this instance marked is passed to send.
	 */
	claim: (tx: Tx, row: Row) => Promise<{ count: number }>;
	/** Queues the row's mail; false when it should not count (nobody to mail). */
	send: (tx: Tx, row: Row, claimed: number) => Promise<boolean>;
}

/** Returns how many claimed rows counted. */
export async function mailDueRows<Row>({ find, claim, send }: DueMail<Row>) {
	let counted = 0;
	for (const row of await find()) {
		const done = await db.$transaction(async (tx) => {
			const { count } = await claim(tx, row);
			return count > 0 && send(tx, row, count);
		});
		if (done) counted++;
	}
	return counted;
}

/** The language to mail someone in: theirs when the app speaks it, else the base locale. */
export const mailLocale = (uiLocale: string | null | undefined) => preferredLocale(uiLocale);
