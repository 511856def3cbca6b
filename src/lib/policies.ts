// Who may do what. Pure rules, denied unless a rule allows, tested as tables in policies.test.ts.
// Every protected load, action and endpoint asks these through the guards in $lib/server/guard.

export type NetworkRole = 'ORGANIZER' | 'MODERATOR';

export interface SignedInActor {
	id: string;
	isAdmin: boolean;
	memberships: { networkId: number; role: NetworkRole }[];
}

/** null is a visitor who is not signed in. */
export type Actor = SignedInActor | null;

export type Resource =
	| { type: 'site' }
	/** deleted: an account emptied by its owner (accounts/deletion.ts). */
	| { type: 'user'; id: string; deleted?: boolean }
	/** inactive: marked no longer active, so it takes no new organizers and has nothing to pause. */
	| { type: 'network'; id: number; inactive?: boolean }
	/** intake: filed for a neighbor without an account, so its network's team answers for it. */
	| { type: 'post'; authorId: string; networkId: number; intake?: boolean }
	/** A repeating request; standingClaimantId: the volunteer who takes every occurrence, if any. */
	| { type: 'series'; authorId: string; standingClaimantId: string | null }
	| {
			type: 'claim';
			posterId: string;
			claimantId: string;
			/** Which of the two marked it done, once one has. */
			doneBy?: 'POSTER' | 'CLAIMANT' | null;
			/** The network whose team answers for the poster, on an intake post (moderation/relay.ts). */
			relayNetworkId?: number | null;
	  };

export type Action =
	| 'account:view'
	| 'account:edit'
	| 'account:export'
	| 'account:delete'
	| 'admin:view'
	| 'admin:manageRoles'
	| 'admin:grantRole'
	| 'network:moderate'
	| 'network:manage'
	| 'network:setActive'
	| 'network:capacity'
	| 'network:request'
	| 'network:relay'
	| 'network:households'
	| 'post:create'
	| 'post:edit'
	| 'post:withdraw'
	| 'post:renew'
	| 'post:report'
	| 'post:offerTakeIn'
	| 'post:answerTakeIn'
	| 'series:manage'
	| 'series:commit'
	| 'series:stepBack'
	| 'claim:create'
	| 'claim:view'
	| 'claim:message'
	| 'claim:decide'
	| 'claim:withdraw'
	| 'claim:release'
	| 'claim:complete'
	| 'claim:notDone'
	| 'claim:report';

const roleIn = (actor: SignedInActor, networkId: number) =>
	actor.memberships.find((membership) => membership.networkId === networkId)?.role;

type Rule = (actor: SignedInActor, resource: Resource) => boolean;

const ownAccount: Rule = (actor, resource) => resource.type === 'user' && resource.id === actor.id;
const siteAdmin: Rule = (actor, resource) => resource.type === 'site' && actor.isAdmin;
const networkOrganizer: Rule = (actor, resource) =>
	resource.type === 'network' && (actor.isAdmin || roleIn(actor, resource.id) === 'ORGANIZER');
// Relaying for a neighbor is the network team's shared work (a hotline shift changes hands), so its
// members, not admins, who do not read threads, answer for an intake post in their own network. Whoever
// filed it is its author only on record: off the team, they keep nothing of it.
const relaysFor = (actor: SignedInActor, networkId: number) => roleIn(actor, networkId) !== undefined;
const ownPost: Rule = (actor, resource) =>
	resource.type === 'post' &&
	(resource.intake ? relaysFor(actor, resource.networkId) : resource.authorId === actor.id);
// The team stands in for the poster, never for the person who replied, even when that is one of them.
const relayTeam: Rule = (actor, resource) =>
	resource.type === 'claim' &&
	resource.relayNetworkId != null &&
	resource.claimantId !== actor.id &&
	relaysFor(actor, resource.relayNetworkId);
const posterSide: Rule = (actor, resource) =>
	resource.type === 'claim' &&
	(resource.relayNetworkId == null ? resource.posterId === actor.id : relayTeam(actor, resource));
// A claim's thread and contact details belong to its two sides only: not moderators, not admins.
const claimPartyOrRelay: Rule = (actor, resource) =>
	posterSide(actor, resource) || (resource.type === 'claim' && resource.claimantId === actor.id);

const rules: Record<Action, Rule> = {
	// Nobody, admins included, reads or changes another person's profile through these.
	'account:view': ownAccount,
	'account:edit': ownAccount,
	'account:export': ownAccount,
	'account:delete': ownAccount,
	'admin:view': siteAdmin,
	'admin:manageRoles': siteAdmin,
	// A deleted account is kept only as a name for old records; nobody can sign in to use a role on it.
	'admin:grantRole': (actor, resource) => actor.isAdmin && resource.type === 'user' && !resource.deleted,
	'network:moderate': (actor, resource) =>
		resource.type === 'network' && (actor.isAdmin || roleIn(actor, resource.id) !== undefined),
	'network:manage': networkOrganizer,
	// Taking a network out of routing is for the people who run it, not its moderators.
	'network:setActive': networkOrganizer,
	// Capacity (pausing new requests, limiting claims) is the organizers' call too; a network no longer
	// active takes no requests to pause (it is made active again first).
	'network:capacity': (actor, resource) =>
		networkOrganizer(actor, resource) && resource.type === 'network' && !resource.inactive,
	// Anyone signed in may ask to organize a network; an admin decides.
	'network:request': (_actor, resource) => resource.type === 'network' && !resource.inactive,
	'network:relay': (actor, resource) => resource.type === 'network' && relaysFor(actor, resource.id),
	// The households a network serves are known to its own team only: not admins, not other networks.
	'network:households': (actor, resource) => resource.type === 'network' && relaysFor(actor, resource.id),
	// Anyone signed in can ask and offer: no eligibility, no approval.
	'post:create': (_actor, resource) => resource.type === 'site',
	// A poster's own post is theirs to change; moderation arrives with its own actions.
	'post:edit': ownPost,
	'post:withdraw': ownPost,
	'post:renew': ownPost,
	// A series' one set of controls (pause, resume, end, accepting a standing commitment) is its poster's.
	'series:manage': (actor, resource) => resource.type === 'series' && resource.authorId === actor.id,
	// Anyone but its poster may take every occurrence, while nobody else has.
	'series:commit': (actor, resource) =>
		resource.type === 'series' && resource.authorId !== actor.id && resource.standingClaimantId === null,
	// Only the volunteer who took it can step back from a standing commitment.
	'series:stepBack': (actor, resource) =>
		resource.type === 'series' && resource.standingClaimantId === actor.id,
	// Offering to take a need onto the household roster is for the team that keeps the roster (as
	// 'network:households': not admins, not other networks); which posts may be offered is the domain's
	// rule (households/take-in.ts), so the moderator is told why not rather than shown a 404.
	'post:offerTakeIn': (actor, resource) => resource.type === 'post' && relaysFor(actor, resource.networkId),
	// Only the poster consents to their name and number joining a roster: on an intake post the team
	// that relays for a neighbor cannot say yes for them.
	'post:answerTakeIn': (actor, resource) =>
		resource.type === 'post' && !resource.intake && resource.authorId === actor.id,
	// Anyone signed in may report a post; whether they can see it is the post's status, which the route checks.
	'post:report': (_actor, resource) => resource.type === 'post',
	// Anyone but the poster may answer a post.
	'claim:create': (actor, resource) => resource.type === 'post' && resource.authorId !== actor.id,
	'claim:view': claimPartyOrRelay,
	'claim:message': claimPartyOrRelay,
	'claim:release': claimPartyOrRelay,
	'claim:complete': claimPartyOrRelay,
	// Only the one who did not mark it done can say it didn't happen: nobody overrules their own word.
	'claim:notDone': (actor, resource) =>
		resource.type === 'claim' &&
		((resource.doneBy === 'POSTER' && resource.claimantId === actor.id) ||
			(resource.doneBy === 'CLAIMANT' && posterSide(actor, resource))),
	// A message can only be reported from inside its thread, so only those who read it can.
	'claim:report': claimPartyOrRelay,
	'claim:decide': posterSide,
	'claim:withdraw': (actor, resource) => resource.type === 'claim' && resource.claimantId === actor.id
};

export function can(actor: Actor, action: Action, resource: Resource): boolean {
	if (!actor) return false;
	const rule = rules[action];
	return rule ? rule(actor, resource) : false;
}
