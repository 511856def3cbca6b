// A network's upcoming distribution days as an iCalendar feed anyone can subscribe to: the day, its
// hours and place, nothing about who is invited.
import ical from 'ical-generator';
import { m } from '$lib/paraglide/messages';
import { baseLocale } from '$lib/paraglide/runtime';
import { dateInNewYork } from '../calendar.ts';
import { db } from '../db/index.ts';

/** A slot is as long as the spacing to the next one; a day of one slot, half an hour. */
const SINGLE_SLOT_MS = 30 * 60 * 1000;

export const upcomingDays = (networkId: number, now = new Date()) =>
	db.distribution.findMany({
		where: { networkId, closedAt: null, date: { gte: dateInNewYork(now) } },
		orderBy: [{ date: 'asc' }, { id: 'asc' }],
		take: 100,
		select: {
			id: true,
			date: true,
			place: true,
			slots: { orderBy: { startsAt: 'asc' }, select: { startsAt: true } }
		}
	});

/** Whether the network has a day to come: its page links the feed only then. */
export const hasUpcomingDays = async (networkId: number, now = new Date()) =>
	(await db.distribution.count({ where: { networkId, closedAt: null, date: { gte: dateInNewYork(now) } } })) >
	0;

export async function distributionCalendar(
	network: { id: number; name: string; slug: string },
	origin: string,
	now = new Date()
) {
	const days = await upcomingDays(network.id, now);
	const calendar = ical({
		name: m.distribution_calendar_summary({ network: network.name }, { locale: baseLocale })
	});
	calendar.prodId({ company: 'Each Other', product: 'distribution days', language: 'EN' });
	for (const day of days) {
		const first = day.slots[0]?.startsAt;
		const last = day.slots.at(-1)?.startsAt;
		if (!first || !last) continue;
		const spacing =
			day.slots.length > 1 ? day.slots[1]!.startsAt.getTime() - first.getTime() : SINGLE_SLOT_MS;
		calendar.createEvent({
			id: `distribution-${day.id}@${new URL(origin).host}`,
			start: first,
			end: new Date(last.getTime() + spacing),
			stamp: now,
			summary: m.distribution_calendar_summary({ network: network.name }, { locale: baseLocale }),
			location: day.place,
			url: `${origin}/networks/${network.slug}`
		});
	}
	return calendar.toString();
}
