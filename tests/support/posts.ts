// A need posted through the real form schema, for tests that need a post to act on.
import { createPost } from '../../src/lib/server/posts/index.ts';
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
