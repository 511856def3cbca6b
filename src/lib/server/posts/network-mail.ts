// Organizers and moderators hear of the posts that land in their networks: one mail per person per
// batch, listing every new post in every network they help run, rather than a mail per post.
import { m } from '$lib/paraglide/messages';
import type { Locale } from '$lib/paraglide/runtime';
import { db } from '../db/index.ts';
import { notify } from '../mail/notify.ts';
import type { Recipient } from '../mail/recipient.ts';
import { notAway } from '../accounts/away.ts';
import { networkTeams } from '../networks/team.ts';
import { OFF_BOARD } from './lifecycle.ts';

const BATCH = 500;

interface NewPost {
	id: number;
	kind: 'NEED' | 'OFFER';
	title: string;
	authorId: string;
	networkId: number;
	neighborhood: { name: string };
	network: { name: string };
}

/**
 * Claims up to BATCH posts nobody was mailed about, marks them and queues the mails in one transaction.
 * SKIP LOCKED lets another instance running at the same moment claim other posts (or none) instead of
 * waiting to mail the same ones again. A first post held for review waits unclaimed until a moderator
 * lets it onto the board; a post that left the board before its batch (hidden, withdrawn) is marked
 * but not listed. Intake posts are listed like any other: the mail names no poster and no intake
 * contact, only what the board shows. Returns how many mails were queued.
 */
export async function mailNewPostDigests(origin: string, now = new Date()) {
	return db.$transaction(async (tx) => {
		const claimed = await tx.$queryRaw<{ id: number }[]>`
			UPDATE posts SET network_notified_at = ${now}
			 WHERE id IN (SELECT id FROM posts WHERE network_notified_at IS NULL AND status <> 'HELD'
			               ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
			RETURNING id`;
		if (!claimed.length) return 0;
		const posts: NewPost[] = await tx.post.findMany({
			where: { id: { in: claimed.map((row) => row.id) }, status: { notIn: OFF_BOARD } },
			orderBy: { id: 'asc' },
			select: {
				id: true,
				kind: true,
				title: true,
				authorId: true,
				networkId: true,
				neighborhood: { select: { name: true } },
				network: { select: { name: true } }
			}
		});
		// Someone away hears nothing of posts made meanwhile, even after they are back: those were the
		// team's to take while they rested.
		const team = await networkTeams(tx, [...new Set(posts.map((post) => post.networkId))], {
			networkPostMail: true,
			...notAway(now)
		});
		const mails = new Map<string, { recipient: Recipient; posts: NewPost[] }>();
		for (const member of team) {
			// Nobody needs telling about their own post, an intake they filed included.
			const theirs = posts.filter(
				(post) => post.networkId === member.networkId && post.authorId !== member.id
			);
			if (!theirs.length) continue;
			const mail = mails.get(member.id) ?? { recipient: member, posts: [] };
			mail.posts.push(...theirs);
			mails.set(member.id, mail);
		}
		for (const { recipient, posts: listed } of mails.values()) {
			listed.sort((a, b) => a.id - b.id);
			const args = (locale: Locale) => ({
				count: listed.length,
				posts: listed
					.map((post) => {
						const kind = post.kind === 'NEED' ? m.kind_NEED({}, { locale }) : m.kind_OFFER({}, { locale });
						const where = `${post.neighborhood.name} · ${post.network.name}`;
						return `- ${kind}: ${post.title} (${where})\n  ${origin}/posts/${post.id}`;
					})
					.join('\n'),
				settings: `${origin}/account#network-mail`
			});
			// A text cannot list them: it leads to the newest, whose page leads to the board.
			const newest = listed[listed.length - 1]!;
			await notify(tx, recipient, {
				mail: (locale) => ({
					subject: m.mail_network_posts_subject(args(locale), { locale }),
					text: m.mail_network_posts_body(args(locale), { locale })
				}),
				text: (locale) => m.sms_network_posts({ url: `${origin}/posts/${newest.id}` }, { locale }),
				url: `${origin}/posts/${newest.id}`
			});
		}
		return mails.size;
	});
}
