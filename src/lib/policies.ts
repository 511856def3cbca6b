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
	| { type: 'user'; id: string }
	| { type: 'network'; id: number }
	| { type: 'post'; authorId: string; networkId: number }
	| {
			type: 'claim';
			posterId: string;
			claimantId: string;
			/** Which of the two marked it done, once one has. */
			doneBy?: 'POSTER' | 'CLAIMANT' | null;
	  };

export type Action =
	| 'account:view'
	| 'account:edit'
	| 'account:export'
	| 'account:delete'
	| 'admin:view'
	| 'admin:manageRoles'
	| 'network:moderate'
	| 'network:manage'
	| 'network:request'
	| 'post:create'
	| 'post:edit'
	| 'post:withdraw'
	| 'post:renew'
	| 'post:report'
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
const ownPost: Rule = (actor, resource) => resource.type === 'post' && resource.authorId === actor.id;
// A claim's thread and contact details belong to its two people only: not moderators, not admins.
const claimParty: Rule = (actor, resource) =>
	resource.type === 'claim' && (resource.posterId === actor.id || resource.claimantId === actor.id);

const rules: Record<Action, Rule> = {
	// Nobody, admins included, reads or changes another person's profile through these.
	'account:view': ownAccount,
	'account:edit': ownAccount,
	'account:export': ownAccount,
	'account:delete': ownAccount,
	'admin:view': siteAdmin,
	'admin:manageRoles': siteAdmin,
	'network:moderate': (actor, resource) =>
		resource.type === 'network' && (actor.isAdmin || roleIn(actor, resource.id) !== undefined),
	'network:manage': (actor, resource) =>
		resource.type === 'network' && (actor.isAdmin || roleIn(actor, resource.id) === 'ORGANIZER'),
	// Anyone signed in may ask to organize a network; an admin decides.
	'network:request': (_actor, resource) => resource.type === 'network',
	// Anyone signed in can ask and offer: no eligibility, no approval.
	'post:create': (_actor, resource) => resource.type === 'site',
	// A poster's own post is theirs to change; moderation arrives with its own actions.
	'post:edit': ownPost,
	'post:withdraw': ownPost,
	'post:renew': ownPost,
	// Anyone signed in may report a post; whether they can see it is the post's status, which the route checks.
	'post:report': (_actor, resource) => resource.type === 'post',
	// Anyone but the poster may answer a post.
	'claim:create': (actor, resource) => resource.type === 'post' && resource.authorId !== actor.id,
	'claim:view': claimParty,
	'claim:message': claimParty,
	'claim:release': claimParty,
	'claim:complete': claimParty,
	// Only the one who did not mark it done can say it didn't happen: nobody overrules their own word.
	'claim:notDone': (actor, resource) =>
		resource.type === 'claim' &&
		((resource.doneBy === 'POSTER' && resource.claimantId === actor.id) ||
			(resource.doneBy === 'CLAIMANT' && resource.posterId === actor.id)),
	// A message can only be reported from inside its thread, so only the claim's two people can.
	'claim:report': claimParty,
	'claim:decide': (actor, resource) => resource.type === 'claim' && resource.posterId === actor.id,
	'claim:withdraw': (actor, resource) => resource.type === 'claim' && resource.claimantId === actor.id
};

export function can(actor: Actor, action: Action, resource: Resource): boolean {
	if (!actor) return false;
	const rule = rules[action];
	return rule ? rule(actor, resource) : false;
}
