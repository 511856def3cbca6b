// Reminders to booked households: the day before and two hours before their slot, in their language,
// each once. The sent mark is set by a conditional update in the same transaction as the text, so
// several instances running this job at once send each reminder once.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { dateInNewYork, nextDay, startOfDayInNewYork } from '../calendar.ts';
import { db } from '../db/index.ts';
import { queueText } from '../mail/outbox.ts';
import { formatTime } from './texts.ts';

const HOUR_MS = 60 * 60 * 1000;

export async function sendDistributionReminders(now = new Date(), limit = 500) {
	// The day-before text says "tomorrow": on the day itself (a booking made that morning, or the night
	// before after midnight) only the one two hours before goes out.
	const tomorrow = startOfDayInNewYork(nextDay(dateInNewYork(now)));
	const booked = await db.invitation.findMany({
		where: {
			status: 'CONFIRMED',
			distribution: { closedAt: null },
			slot: { startsAt: { gt: now, lte: new Date(now.getTime() + 24 * HOUR_MS) } },
			// Only reminders due now: one reminded the day before and not yet within two hours would
			// otherwise fill every batch and keep the rest from ever being reached.
			OR: [
				{ remindedDayBeforeAt: null, slot: { startsAt: { gte: tomorrow } } },
				{ remindedSoonAt: null, slot: { startsAt: { lte: new Date(now.getTime() + 2 * HOUR_MS) } } }
			]
		},
		orderBy: { id: 'asc' },
		take: limit,
		select: {
			id: true,
			locale: true,
			slot: { select: { startsAt: true } },
			household: { select: { phone: true } },
			distribution: { select: { place: true } }
		}
	});
	let sent = 0;
	for (const invitation of booked) {
		const phone = invitation.household.phone;
		const startsAt = invitation.slot!.startsAt;
		const soon = startsAt.getTime() - now.getTime() <= 2 * HOUR_MS;
		const locale = invitation.locale as Locale;
		const args = { time: formatTime(startsAt, locale), place: invitation.distribution.place };
		await db.$transaction(async (tx) => {
			// Two hours before also counts as the day before: a late booking gets one reminder, not two.
			const { count } = await tx.invitation.updateMany({
				where: soon
					? { id: invitation.id, status: 'CONFIRMED', remindedSoonAt: null }
					: { id: invitation.id, status: 'CONFIRMED', remindedDayBeforeAt: null },
				data: soon ? { remindedSoonAt: now, remindedDayBeforeAt: now } : { remindedDayBeforeAt: now }
			});
			if (count !== 1 || !phone) return;
			sent++;
			await queueText(tx, {
				to: phone,
				text: soon
					? m.sms_distribution_reminder_soon(args, { locale })
					: m.sms_distribution_reminder_day(args, { locale })
			});
		});
	}
	return sent;
}
