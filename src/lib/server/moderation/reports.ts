// Anyone signed in reports a post, or a message in a claim's thread, to the post's network moderators.
import type { z } from 'zod';
import { m } from '$lib/paraglide/messages';
import { db } from '../db/index.ts';
import { mailDueRows } from '../mail/due.ts';
import { notifyAll, textTitle } from '../mail/notify.ts';
import { networkTeams } from '../networks/team.ts';
import type { reportSchema } from './schemas.ts';

export type Report = z.output<typeof reportSchema>;

/**
 * Callers count the report against the 'report' limit (ratelimit/limits.ts) first. A reported message
 * must be one the reporter received on this post: its moderators will read it.
 */
export async function submitReport(
	reporterId: string,
	postId: number,
	{ reason, note }: Report,
	message?: { id: number }
) {
	await db.report.create({ data: { postId, reporterId, reason, note, messageId: message?.id ?? null } });
}

/**
 * One mail per moderator and organizer of each network with open reports nobody was mailed about
 * yet, counting them, rather than a mail per report: a burst of reports on one post is one interruption.
 * Reports in a network with nobody to mail are marked too, so they are not looked at every minute.
 */
export async function mailReportDigests(origin: string, now = new Date()) {
	return mailDueRows({
		find: async () =>
			(
				await db.$queryRaw<{ network_id: number }[]>`
					SELECT DISTINCT p.network_id FROM reports r JOIN posts p ON p.id = r.post_id
					 WHERE r.notified_at IS NULL LIMIT 500`
			).map((row) => row.network_id),
		// A report a moderator dealt with before the mail went out is marked but not counted: the mail
		// asks for work still to do.
		claim: async (tx, networkId) => {
			const unmailed = { notifiedAt: null, post: { networkId } };
			await tx.report.updateMany({
				where: { ...unmailed, status: { not: 'OPEN' } },
				data: { notifiedAt: now }
			});
			return tx.report.updateMany({ where: { ...unmailed, status: 'OPEN' }, data: { notifiedAt: now } });
		},
		send: async (tx, networkId, count) => {
			const { name } = await tx.network.findUniqueOrThrow({
				where: { id: networkId },
				select: { name: true }
			});
			const args = { network: name, count, url: `${origin}/moderate` };
			return notifyAll(tx, await networkTeams(tx, [networkId]), {
				mail: (locale) => ({
					subject: m.mail_reports_subject(args, { locale }),
					text: m.mail_reports_body(args, { locale })
				}),
				text: (locale) => m.sms_reports({ network: textTitle(name), url: args.url }, { locale }),
				url: args.url
			});
		}
	});
}
