import { describe, expect, it } from 'vitest';
import { can, type Action, type Actor, type Resource } from './policies.ts';

const NETWORK = 7;
const OTHER_NETWORK = 8;
const actors: Record<string, Actor> = {
	'signed out': null,
	neighbor: { id: 'u-neighbor', isAdmin: false, memberships: [] },
	'moderator of this network': {
		id: 'u-mod',
		isAdmin: false,
		memberships: [{ networkId: NETWORK, role: 'MODERATOR' }]
	},
	'organizer of this network': {
		id: 'u-org',
		isAdmin: false,
		memberships: [{ networkId: NETWORK, role: 'ORGANIZER' }]
	},
	'moderator of another network': {
		id: 'u-other',
		isAdmin: false,
		memberships: [{ networkId: OTHER_NETWORK, role: 'ORGANIZER' }]
	},
	admin: { id: 'u-admin', isAdmin: true, memberships: [] }
};

const own = (actorName: string): Resource => ({ type: 'user', id: actors[actorName]?.id ?? 'nobody' });
const someoneElse: Resource = { type: 'user', id: 'u-someone-else' };
const site: Resource = { type: 'site' };
const network: Resource = { type: 'network', id: NETWORK };
const ownPostOf = (actorName: string): Resource => ({
	type: 'post',
	authorId: actors[actorName]?.id ?? 'nobody',
	networkId: NETWORK
});
const someoneElsesPost: Resource = { type: 'post', authorId: 'u-someone-else', networkId: NETWORK };
const claimWith = (actorName: string, as: 'poster' | 'claimant'): Resource => {
	const id = actors[actorName]?.id ?? 'nobody';
	return as === 'poster'
		? { type: 'claim', posterId: id, claimantId: 'u-someone-else' }
		: { type: 'claim', posterId: 'u-someone-else', claimantId: id };
};
// Even moderators and admins do not read other people's threads.
const strangersClaim: Resource = { type: 'claim', posterId: 'u-a', claimantId: 'u-b' };
// An intake post's claim: the poster is whichever moderator took the call; the network's team relays.
const intakeClaim = (networkId: number): Resource => ({
	type: 'claim',
	posterId: 'u-filing-mod',
	claimantId: 'u-b',
	relayNetworkId: networkId
});
// One of the team replied to their own network's intake post: they are the volunteer there, not the team.
const intakeClaimBy = (actorName: string): Resource => ({
	type: 'claim',
	posterId: 'u-filing-mod',
	claimantId: actors[actorName]?.id ?? 'nobody',
	relayNetworkId: NETWORK
});
const RELAY_TEAM = ['moderator of this network', 'organizer of this network'];
const RELAY_ACTIONS = [
	'claim:view',
	'claim:message',
	'claim:decide',
	'claim:release',
	'claim:complete',
	'claim:report'
] as const;

type Row = [actor: string, action: Action, resource: (actor: string) => Resource, allowed: boolean];

const ACTOR_NAMES = Object.keys(actors);
const table: Row[] = [
	...(['account:view', 'account:edit', 'account:export', 'account:delete'] as const).flatMap((action) =>
		ACTOR_NAMES.flatMap((name): Row[] => [
			[name, action, own, name !== 'signed out'],
			[name, action, () => someoneElse, false]
		])
	),
	...(['admin:view', 'admin:manageRoles'] as const).flatMap((action) =>
		ACTOR_NAMES.map((name): Row => [name, action, () => site, name === 'admin'])
	),
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'admin:grantRole', () => someoneElse, name === 'admin'],
		[name, 'admin:grantRole', () => ({ ...someoneElse, deleted: true }), false],
		[name, 'admin:grantRole', () => site, false]
	]),
	...ACTOR_NAMES.map((name): Row => [
		name,
		'network:moderate',
		() => network,
		['moderator of this network', 'organizer of this network', 'admin'].includes(name)
	]),
	...(['network:manage', 'network:setActive'] as const).flatMap((action) =>
		ACTOR_NAMES.flatMap((name): Row[] => [
			[name, action, () => network, ['organizer of this network', 'admin'].includes(name)],
			[name, action, () => ({ type: 'network', id: 99 }), name === 'admin']
		])
	),
	// Pausing and limits are the organizers' (and admins'), never a moderator's, and only while active.
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'network:capacity', () => network, ['organizer of this network', 'admin'].includes(name)],
		[name, 'network:capacity', () => ({ type: 'network', id: 99 }), name === 'admin'],
		[name, 'network:capacity', () => ({ type: 'network', id: NETWORK, inactive: true }), false],
		[name, 'network:capacity', () => site, false]
	]),
	...ACTOR_NAMES.map((name): Row => [name, 'post:create', () => site, name !== 'signed out']),
	...ACTOR_NAMES.map((name): Row => [name, 'network:request', () => network, name !== 'signed out']),
	...ACTOR_NAMES.map((name): Row => [
		name,
		'network:request',
		() => ({ type: 'network', id: NETWORK, inactive: true }),
		false
	]),
	...(['post:edit', 'post:withdraw', 'post:renew'] as const).flatMap((action) =>
		ACTOR_NAMES.flatMap((name): Row[] => [
			[name, action, ownPostOf, name !== 'signed out'],
			[name, action, () => someoneElsesPost, false]
		])
	),
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'post:report', ownPostOf, name !== 'signed out'],
		[name, 'post:report', () => someoneElsesPost, name !== 'signed out'],
		[name, 'post:report', () => network, false]
	]),
	// A series: its poster manages it (admins and moderators included, nobody else); anyone else may take
	// every occurrence while nobody has; only that volunteer can step back.
	...ACTOR_NAMES.flatMap((name): Row[] => {
		const signedIn = name !== 'signed out';
		const mine = (n: string): Resource => ({
			type: 'series',
			authorId: actors[n]?.id ?? 'nobody',
			standingClaimantId: null
		});
		const theirs: Resource = { type: 'series', authorId: 'u-someone-else', standingClaimantId: null };
		const takenBy = (n: string): Resource => ({
			type: 'series',
			authorId: 'u-someone-else',
			standingClaimantId: actors[n]?.id ?? 'nobody'
		});
		const takenByOther: Resource = { type: 'series', authorId: 'u-someone-else', standingClaimantId: 'u-b' };
		return [
			[name, 'series:manage', mine, signedIn],
			[name, 'series:manage', () => theirs, false],
			[name, 'series:manage', () => ownPostOf(name), false],
			[name, 'series:commit', () => theirs, signedIn],
			[name, 'series:commit', mine, false],
			[name, 'series:commit', () => takenByOther, false],
			[name, 'series:stepBack', takenBy, signedIn],
			[name, 'series:stepBack', () => takenByOther, false],
			[name, 'series:stepBack', mine, false]
		];
	}),
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'claim:create', () => someoneElsesPost, name !== 'signed out'],
		[name, 'claim:create', ownPostOf, false]
	]),
	...(['claim:view', 'claim:message', 'claim:release', 'claim:complete', 'claim:report'] as const).flatMap(
		(action) =>
			ACTOR_NAMES.flatMap((name): Row[] => [
				[name, action, (n) => claimWith(n, 'poster'), name !== 'signed out'],
				[name, action, (n) => claimWith(n, 'claimant'), name !== 'signed out'],
				[name, action, () => strangersClaim, false]
			])
	),
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'claim:decide', (n) => claimWith(n, 'poster'), name !== 'signed out'],
		[name, 'claim:decide', (n) => claimWith(n, 'claimant'), false],
		[name, 'claim:withdraw', (n) => claimWith(n, 'claimant'), name !== 'signed out'],
		[name, 'claim:withdraw', (n) => claimWith(n, 'poster'), false]
	]),
	// "It didn't happen" is the word of the one who did not mark it done, never a third person's.
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[
			name,
			'claim:notDone',
			(n) => ({ ...claimWith(n, 'poster'), doneBy: 'CLAIMANT' }),
			name !== 'signed out'
		],
		[
			name,
			'claim:notDone',
			(n) => ({ ...claimWith(n, 'claimant'), doneBy: 'POSTER' }),
			name !== 'signed out'
		],
		[name, 'claim:notDone', (n) => ({ ...claimWith(n, 'poster'), doneBy: 'POSTER' }), false],
		[name, 'claim:notDone', (n) => ({ ...claimWith(n, 'claimant'), doneBy: 'CLAIMANT' }), false],
		[name, 'claim:notDone', (n) => claimWith(n, 'poster'), false],
		[name, 'claim:notDone', (n) => claimWith(n, 'claimant'), false],
		[name, 'claim:notDone', () => ({ ...strangersClaim, doneBy: 'POSTER' }), false],
		[name, 'claim:notDone', ownPostOf, false]
	]),
	...ACTOR_NAMES.map((name): Row => [name, 'network:relay', () => network, RELAY_TEAM.includes(name)]),
	// A network's households are its own team's: admins and other networks' moderators are refused.
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'network:households', () => network, RELAY_TEAM.includes(name)],
		[
			name,
			'network:households',
			() => ({ type: 'network', id: OTHER_NETWORK }),
			name === 'moderator of another network'
		],
		[name, 'network:households', () => site, false]
	]),
	// The team of the intake post's network answers for its poster; admins and other networks do not.
	...RELAY_ACTIONS.flatMap((action) =>
		ACTOR_NAMES.flatMap((name): Row[] => [
			[name, action, () => intakeClaim(NETWORK), RELAY_TEAM.includes(name)],
			[name, action, () => intakeClaim(OTHER_NETWORK), name === 'moderator of another network']
		])
	),
	...RELAY_ACTIONS.map((action): Row => [
		'moderator of this network',
		action,
		() => intakeClaimBy('moderator of this network'),
		action !== 'claim:decide'
	]),
	['moderator of this network', 'claim:withdraw', () => intakeClaim(NETWORK), false],
	[
		'moderator of this network',
		'claim:decide',
		() => ({ ...intakeClaim(NETWORK), relayNetworkId: null }),
		false
	],
	// On an intake post the team stands in for the poster here too.
	[
		'moderator of this network',
		'claim:notDone',
		() => ({ ...intakeClaim(NETWORK), doneBy: 'CLAIMANT' }),
		true
	],
	[
		'moderator of another network',
		'claim:notDone',
		() => ({ ...intakeClaim(NETWORK), doneBy: 'CLAIMANT' }),
		false
	],
	// Whoever filed an intake post answers for it only while on its network's team: a filer who has
	// left the team (here a plain neighbor) keeps no poster's rights over it.
	...RELAY_ACTIONS.map((action): Row => [
		'neighbor',
		action,
		(n) => ({ ...intakeClaim(NETWORK), posterId: actors[n]?.id ?? 'nobody' }),
		false
	]),
	[
		'neighbor',
		'claim:notDone',
		(n) => ({ ...intakeClaim(NETWORK), posterId: actors[n]?.id ?? 'nobody', doneBy: 'CLAIMANT' }),
		false
	],
	...(['post:edit', 'post:withdraw', 'post:renew'] as const).flatMap((action) =>
		ACTOR_NAMES.flatMap((name): Row[] => [
			[name, action, (n) => ({ ...ownPostOf(n), intake: true }), RELAY_TEAM.includes(name)],
			[name, action, () => ({ ...someoneElsesPost, intake: true }), RELAY_TEAM.includes(name)]
		])
	),
	// A place on the household roster: offered by the post's network's own team (admins and other
	// networks refused), answered by the poster alone, never by the team on an intake post.
	...ACTOR_NAMES.flatMap((name): Row[] => [
		[name, 'post:offerTakeIn', () => someoneElsesPost, RELAY_TEAM.includes(name)],
		[
			name,
			'post:offerTakeIn',
			() => ({ ...someoneElsesPost, networkId: OTHER_NETWORK }),
			name === 'moderator of another network'
		],
		[name, 'post:offerTakeIn', () => network, false],
		[name, 'post:answerTakeIn', ownPostOf, name !== 'signed out'],
		[name, 'post:answerTakeIn', () => someoneElsesPost, false],
		[name, 'post:answerTakeIn', (n) => ({ ...ownPostOf(n), intake: true }), false],
		[name, 'post:answerTakeIn', () => ({ ...someoneElsesPost, intake: true }), false],
		[name, 'post:answerTakeIn', () => network, false]
	]),
	// Actions aimed at the wrong kind of resource are denied, even for admins.
	['admin', 'admin:view', () => network, false],
	['admin', 'network:moderate', () => site, false],
	['admin', 'network:setActive', () => site, false],
	['moderator of this network', 'network:relay', () => site, false],
	['neighbor', 'account:view', () => site, false]
];

describe('can', () => {
	it.each(table)('%s → %s on %o: %s', (actorName, action, resource, allowed) => {
		expect(can(actors[actorName] ?? null, action, resource(actorName))).toBe(allowed);
	});

	it('denies an action it has no rule for', () => {
		expect(can(actors.admin!, 'launch:rockets' as Action, site)).toBe(false);
	});
});
