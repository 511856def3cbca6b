// "Download my data": everything stored about one person, and nothing stored about anyone else.
import { db } from '../db/index.ts';
import { POST_CONTENT } from '../posts/index.ts';

/**
 * Every relation of User in prisma/schema.prisma, and the key of the export that holds it. The coverage
 * test reads the schema and fails when a relation is missing here, so a new table that points at a
 * person cannot be left out of the export by accident.
 */
export const USER_RELATIONS = {
	homeNeighborhood: 'account',
	accounts: 'signInMethods',
	sessions: 'sessions',
	memberships: 'networkRoles',
	grantedMemberships: 'rolesGranted',
	reports: 'reports',
	suspensions: 'suspensions',
	moderationLog: 'moderationActions',
	organizerRequests: 'organizerRequests',
	posts: 'posts',
	claims: 'replies',
	messages: 'messages',
	phoneCodes: 'phoneCodes',
	smsPrompts: 'textQuestions',
	pushSubscriptions: 'notificationDevices',
	series: 'repeatingPosts',
	standingSeries: 'standingCommitments'
} as const;

/** Columns of User the export leaves out, and why; the coverage test fails on any other one missing. */
export const USER_COLUMNS_LEFT_OUT: Record<string, string> = {
	homeNeighborhoodId: 'exported as homeNeighborhood, its name and slug',
	deletedAt: 'always empty on an account that can still sign in to ask'
};

/** Columns of the person's own replies left out: ids exported as the post, and the poster's side. */
export const REPLY_COLUMNS_LEFT_OUT: Record<string, string> = {
	postId: 'exported as post',
	claimantId: 'the person exporting',
	posterLastReadAt: 'when the other person read the thread',
	posterNotifiedAt: 'when the other person was mailed'
};

// Left out on purpose, because they hold no readable data about the person:
// - rate_limit_windows: keys are hashes of an address or account with a counter, not linkable back;
// - verification_tokens: a hashed one-time sign-in secret that expires within the hour;
// - replies, messages and reports by other people about this person's posts: those are the other
//   people's words, and the intake name and contact on a post a moderator wrote for a neighbor are the
//   neighbor's, so the export only says such a post was an intake post;
// - a network's household roster: a yes to its offer (households/take-in.ts) gave that network a name
//   and a number for its own list, keyed by the number and shared with whoever else asks from it, so
//   the export names the network (the post's takeInOffer) and what was answered, and the person asks
//   that network for what its list holds.

export async function exportUserData(userId: string) {
	const user = await db.user.findUniqueOrThrow({
		where: { id: userId },
		select: {
			id: true,
			email: true,
			emailVerified: true,
			name: true,
			image: true,
			phone: true,
			smsNumber: true,
			notifyBy: true,
			languages: true,
			uiLocale: true,
			shareContact: true,
			networkPostMail: true,
			awayUntil: true,
			isAdmin: true,
			createdAt: true,
			profileCompletedAt: true,
			homeNeighborhood: { select: { name: true, slug: true } },
			// Provider and kind only: the OAuth tokens are secrets, not information about the person.
			accounts: { select: { provider: true, type: true } },
			// A code being verified: the number and when it runs out; the code's hashes are secrets.
			phoneCodes: { select: { number: true, expires: true, createdAt: true } },
			// The question a reply to the last text would answer.
			smsPrompts: { select: { number: true, kind: true, postId: true, claimId: true, createdAt: true } },
			// The endpoint and keys let anyone send to the device, so they are secrets: which push service
			// holds it and since when is what the person can check.
			pushSubscriptions: { orderBy: { id: 'asc' }, select: { id: true, endpoint: true, createdAt: true } },
			series: {
				orderBy: { id: 'asc' },
				select: {
					id: true,
					rule: true,
					weekdays: true,
					startsOn: true,
					until: true,
					count: true,
					paused: true,
					endedAt: true,
					createdAt: true
				}
			},
			standingSeries: {
				orderBy: { id: 'asc' },
				select: { id: true, standingNote: true, standingAcceptedAt: true }
			},
			// The session token is a live credential; its expiry is all the person needs to see.
			sessions: { select: { expires: true }, orderBy: { expires: 'asc' } },
			memberships: {
				select: { role: true, createdAt: true, network: { select: { name: true, slug: true } } }
			},
			// Roles this person gave others, without naming those people.
			grantedMemberships: {
				select: { role: true, createdAt: true, network: { select: { name: true, slug: true } } }
			},
			suspensions: {
				select: { reason: true, createdAt: true, network: { select: { name: true, slug: true } } }
			},
			organizerRequests: {
				orderBy: { id: 'asc' },
				select: {
					id: true,
					role: true,
					verification: true,
					status: true,
					createdAt: true,
					decidedAt: true,
					network: { select: { name: true, slug: true } }
				}
			},
			moderationLog: {
				orderBy: { id: 'asc' },
				select: {
					id: true,
					action: true,
					postId: true,
					reason: true,
					details: true,
					createdAt: true,
					network: { select: { name: true, slug: true } }
				}
			}
		}
	});
	const {
		accounts,
		sessions,
		memberships,
		grantedMemberships,
		suspensions,
		organizerRequests,
		moderationLog,
		phoneCodes,
		smsPrompts,
		pushSubscriptions,
		series,
		standingSeries,
		...account
	} = user;

	const [posts, claims, messages, reports] = await Promise.all([
		db.post.findMany({
			where: { authorId: userId },
			orderBy: { id: 'asc' },
			select: {
				id: true,
				...POST_CONTENT,
				status: true,
				privacyFlagged: true,
				hiddenReason: true,
				claimsLocked: true,
				createdAt: true,
				updatedAt: true,
				expiresAt: true,
				closedAt: true,
				intakeName: true,
				neighborhood: { select: { name: true, slug: true } },
				network: { select: { name: true, slug: true } },
				// A network's offer of a place on its household roster, and the person's answer to it.
				takeInOffer: {
					select: {
						createdAt: true,
						answeredAt: true,
						accepted: true,
						network: { select: { name: true, slug: true } }
					}
				}
			}
		}),
		db.claim.findMany({
			where: { claimantId: userId },
			orderBy: { id: 'asc' },
			select: {
				id: true,
				note: true,
				status: true,
				createdAt: true,
				acceptedAt: true,
				closedAt: true,
				doneBy: true,
				declinedFull: true,
				// When the app mailed this person about the reply, and when they last read its thread.
				placeOpenMailedAt: true,
				checkInSentAt: true,
				claimantLastReadAt: true,
				claimantNotifiedAt: true,
				post: { select: { id: true, title: true } }
			}
		}),
		db.message.findMany({
			where: { senderId: userId },
			orderBy: { id: 'asc' },
			select: { id: true, claimId: true, body: true, createdAt: true }
		}),
		db.report.findMany({
			where: { reporterId: userId },
			orderBy: { id: 'asc' },
			select: {
				id: true,
				postId: true,
				messageId: true,
				reason: true,
				note: true,
				status: true,
				createdAt: true,
				resolvedAt: true
			}
		})
	]);

	// Mail and texts queued to the person's address and number: subjects, words and dates, which say
	// what the app told them.
	const mail = account.email
		? await db.outboxMessage.findMany({
				where: { channel: 'MAIL', toAddress: account.email },
				orderBy: { id: 'asc' },
				select: { subject: true, createdAt: true, sentAt: true }
			})
		: [];
	const texts = account.smsNumber
		? await db.outboxMessage.findMany({
				where: { channel: 'SMS', toAddress: account.smsNumber },
				orderBy: { id: 'asc' },
				select: { text: true, createdAt: true, sentAt: true, deliveryStatus: true }
			})
		: [];

	const notifications = pushSubscriptions.length
		? await db.outboxMessage.findMany({
				where: { channel: 'PUSH', toAddress: { in: pushSubscriptions.map(({ id }) => String(id)) } },
				orderBy: { id: 'asc' },
				select: { text: true, createdAt: true, sentAt: true }
			})
		: [];

	return {
		exportedAt: new Date().toISOString(),
		account,
		signInMethods: accounts,
		sessions,
		networkRoles: memberships,
		rolesGranted: grantedMemberships,
		suspensions,
		organizerRequests,
		moderationActions: moderationLog,
		posts: posts.map(({ intakeName, ...post }) => ({ ...post, intakePost: intakeName !== null })),
		replies: claims,
		messages,
		reports,
		mail,
		texts,
		phoneCodes,
		textQuestions: smsPrompts,
		repeatingPosts: series,
		standingCommitments: standingSeries,
		notificationDevices: pushSubscriptions.map(({ endpoint, createdAt }) => ({
			pushService: new URL(endpoint).host,
			createdAt
		})),
		notifications: notifications.map(({ text, createdAt, sentAt }) => ({
			...(JSON.parse(text) as { title: string; body: string; url: string }),
			createdAt,
			sentAt
		}))
	};
}
