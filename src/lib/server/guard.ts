// The first line of every server load, action and endpoint is one of these, awaited (the coverage test
// in guard.test.ts enforces it). A resource someone may not see is a 404, never a 403 with data.
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Resource, type SignedInActor } from '$lib/policies';

/** A page anyone may see, signed in or not; returns who is asking, if anyone. */
export async function publicAccess(event: RequestEvent) {
	return event.locals.user;
}

/** Signed in, or sent to sign in and brought back here afterwards. */
export async function requireUser(event: RequestEvent): Promise<SignedInActor> {
	const user = event.locals.user;
	if (!user) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/signin?next=${encodeURIComponent(next)}`);
	}
	return user;
}

/** Allowed by the policies, or a 404 that reveals nothing. */
export async function authorize(
	event: RequestEvent,
	action: Action,
	resource: Resource
): Promise<SignedInActor> {
	const user = event.locals.user;
	if (!user || !can(user, action, resource)) error(404, 'Not found');
	return user;
}
