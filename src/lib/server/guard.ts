// The first line of every server load, action and endpoint is one of these, awaited (the coverage test
// in guard.test.ts enforces it). A resource someone may not see is a 404, never a 403 with data.
// The resource guards send a signed-out visitor to sign in first, so a link shared with someone who is
// not signed in yet brings them back to it; only then do they look the resource up.
import { createHash, timingSafeEqual } from 'node:crypto';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { can, type Action, type Resource, type SignedInActor } from '$lib/policies';
import type { Party } from './claims/threads.ts';
import { metricsToken, publicOrigin, smsConfig } from './config.ts';
import { db } from './db/index.ts';
import { moderatedNetworks } from './moderation/intake.ts';
import { getDraft } from './moderation/text-intake.ts';
import { claimResource, postResource } from './resources.ts';
import { seriesOwner } from './posts/series.ts';

/** A page anyone may see, signed in or not; returns who is asking, if anyone. */
export async function publicAccess(event: RequestEvent) {
	return event.locals.user;
}

/**
 * For the metrics scraper: the METRICS_TOKEN as a bearer token, or a 404 (also when no token is set,
 * so an instance without metrics does not even say it could have them).
 */
export async function requireMetricsToken(event: RequestEvent) {
	const token = metricsToken();
	const offered = event.request.headers.get('authorization')?.replace(/^Bearer /i, '') ?? '';
	const digest = (text: string) => createHash('sha256').update(text).digest();
	if (!token || !timingSafeEqual(digest(offered), digest(token))) error(404, 'Not found');
}

/**
 * For the SMS provider's webhooks: the posted fields, once X-Twilio-Signature proves they come from the
 * provider (an HMAC with its auth token over the public address and the fields, checked by the official
 * helper library). A wrong or missing signature is a 403 before anything is read or changed; with no
 * provider configured there are no webhooks at all (404).
 */
export async function requireTwilioSignature(event: RequestEvent): Promise<Record<string, string>> {
	const { provider } = smsConfig();
	if (!provider) error(404, 'Not found');
	const form = await event.request.formData().catch(() => new FormData());
	const fields: Record<string, string> = {};
	for (const [key, value] of form) if (typeof value === 'string') fields[key] = value;
	// Signed over the address the provider was given, built from ORIGIN like every link we hand out.
	const url = publicOrigin() + event.url.pathname + event.url.search;
	const signature = event.request.headers.get('x-twilio-signature') ?? '';
	// Only the signature check, and only once a webhook comes: the package's index loads its whole REST
	// client, a quarter of a second of every cold start for a function of a few lines.
	const { validateRequest } = await import('twilio/lib/webhooks/webhooks.js');
	if (!validateRequest(provider.authToken, signature, url, fields)) error(403, 'Forbidden');
	return fields;
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

/** Allowed by the policies, or a 404 that reveals nothing, signed out included. */
export async function authorize(
	event: RequestEvent,
	action: Action,
	resource: Resource
): Promise<SignedInActor> {
	const user = event.locals.user;
	if (!user || !can(user, action, resource)) error(404, 'Not found');
	return user;
}

function allowOr404(user: SignedInActor, action: Action, resource: Resource) {
	if (!can(user, action, resource)) error(404, 'Not found');
}

/** The signed-in person's own account, for an `account:*` action. */
export async function authorizeAccount(event: RequestEvent, action: Action) {
	const user = await requireUser(event);
	allowOr404(user, action, { type: 'user', id: user.id });
	return user;
}

/** Someone signed in who may write a new post. */
export async function authorizeNewPost(event: RequestEvent) {
	const user = await requireUser(event);
	allowOr404(user, 'post:create', { type: 'site' });
	return user;
}

export async function authorizePost(event: RequestEvent, action: Action, postId: number) {
	const user = await requireUser(event);
	const found = await postResource(postId);
	if (!found) error(404, 'Not found');
	allowOr404(user, action, found.resource);
	return { user, post: found.post };
}

/** A repeating request, for its poster, for a volunteer taking it on, or for the one who took it. */
export async function authorizeSeries(event: RequestEvent, action: Action, seriesId: number) {
	const user = await requireUser(event);
	const series = await seriesOwner(seriesId);
	if (!series) error(404, 'Not found');
	allowOr404(user, action, {
		type: 'series',
		authorId: series.authorId,
		standingClaimantId: series.standingClaimantId
	});
	return { user, series };
}

/**
 * A claim for one of its two people, or for the team that relays an intake post, and which side the
 * viewer is on: the relay team stands on the poster's side.
 */
export async function authorizeClaim(event: RequestEvent, action: Action, claimId: number) {
	const user = await requireUser(event);
	const found = await claimResource(claimId);
	if (!found) error(404, 'Not found');
	const { claim, resource } = found;
	allowOr404(user, action, resource);
	const party: Party = user.id === claim.claimantId ? 'claimant' : 'poster';
	return { user, claim: { id: claim.id, party }, resource };
}

export async function authorizeNetwork(event: RequestEvent, action: Action, slug: string) {
	const user = await requireUser(event);
	const network = await db.network.findUnique({
		where: { slug },
		select: { id: true, name: true, slug: true, inactiveSince: true }
	});
	if (!network) error(404, 'Not found');
	allowOr404(user, action, { type: 'network', id: network.id, inactive: network.inactiveSince !== null });
	return { user, network };
}

/**
 * A distribution day of the network named in the address, for that network's team: another network's
 * day is a 404 exactly like a day that does not exist.
 */
export async function authorizeDistribution(event: RequestEvent, slug: string, id: string) {
	const { user, network } = await authorizeNetwork(event, 'network:households', slug);
	const distributionId = Number(id);
	const distribution = Number.isSafeInteger(distributionId)
		? await db.distribution.findFirst({ where: { id: distributionId, networkId: network.id } })
		: null;
	if (!distribution) error(404, 'Not found');
	return { user, network, distribution };
}

/**
 * A household on a network's roster, for that network's team: a household of another network is a 404
 * even to its own team, so an id cannot be walked across networks.
 */
export async function authorizeHousehold(
	event: RequestEvent,
	action: Action,
	slug: string,
	householdId: number
) {
	const { user, network } = await authorizeNetwork(event, action, slug);
	const household = await db.household.findFirst({
		where: { id: householdId, networkId: network.id },
		select: { id: true }
	});
	if (!household) error(404, 'Not found');
	return { user, network, household };
}

/**
 * A post, for someone who moderates the network it is in; with 'post:offerTakeIn', for that network's
 * own team, who keep its household roster.
 */
export async function authorizePostModeration(
	event: RequestEvent,
	postId: number,
	action: 'network:moderate' | 'post:offerTakeIn' = 'network:moderate'
) {
	const user = await requireUser(event);
	const found = await postResource(postId);
	if (!found) error(404, 'Not found');
	const { id, networkId } = found.post;
	allowOr404(
		user,
		action,
		action === 'network:moderate' ? { type: 'network', id: networkId } : found.resource
	);
	return { user, post: { id, networkId } };
}

/**
 * A request texted to a network's number (moderation/text-intake.ts), for that network's team only: it
 * holds a neighbor's number and words, so not for admins or other networks (as relaying). Taking it onto
 * the network's household roster asks for 'network:households' instead.
 */
export async function authorizeIntakeDraft(
	event: RequestEvent,
	draftId: number,
	action: 'network:relay' | 'network:households' = 'network:relay'
) {
	const user = await requireUser(event);
	const draft = await getDraft(draftId);
	if (!draft) error(404, 'Not found');
	allowOr404(user, action, { type: 'network', id: draft.networkId });
	return { user, draft };
}

/** The networks the viewer moderates; a 404 to anyone who moderates none. */
export async function moderatedNetworksOf(event: RequestEvent) {
	const user = await requireUser(event);
	const networks = await moderatedNetworks(user);
	if (!networks.length) error(404, 'Not found');
	return { user, networks };
}
