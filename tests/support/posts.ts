// A need posted through the real form schema, for tests that need a post to act on.
import { db } from '../../src/lib/server/db/index.ts';
import { createPost } from '../../src/lib/server/posts/index.ts';
import { sendExpiryReminders, type ReminderMail } from '../../src/lib/server/posts/lifecycle.ts';
import { postSchema, readPostForm } from '../../src/lib/server/posts/form.ts';

export async function postNeed(authorId: string, title: string) {
	const form = new FormData();
	const fields = {
		kind: 'NEED',
		title,
		category: 'MEALS',
		neighborhood: 'kensington',
		timeWindow: 'THIS_WEEK'
	};
	for (const [name, value] of Object.entries(fields)) form.append(name, value);
	const result = await createPost(authorId, postSchema.parse(readPostForm(form)));
	if (!result.ok) throw new Error(JSON.stringify(result));
	return result.id;
}

/**
 * Runs the "still needed?" job as it would run a day before this post expires, until it has nothing
 * left to send: each run takes a batch, and posts from other test files may be due before this one.
 */
export async function remindDayBefore(postId: number, mail: ReminderMail, origin: string) {
	const { expiresAt } = await db.post.findUniqueOrThrow({
		where: { id: postId },
		select: { expiresAt: true }
	});
	const now = new Date(expiresAt.getTime() - 24 * 60 * 60 * 1000);
	while ((await sendExpiryReminders(origin, mail, now)) > 0);
}
