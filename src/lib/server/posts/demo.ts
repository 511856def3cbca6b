// Realistic demo posts for demos and benchmarks (npm run seed:demo -- --posts N). Demo people use
// addresses under example.invalid, which can never receive mail; the outbox queues none for them.
import { faker } from '@faker-js/faker';
import { CATEGORIES, TIME_WINDOWS, type Category, type PostKind } from '../../posts.ts';
import type { Prisma } from '../db/generated/client.ts';
import { db } from '../db/index.ts';
import { networksTaking } from '../places/index.ts';
import { dueAtFor } from './index.ts';
import { expiryFrom } from './lifecycle.ts';
import { logLine } from '../log.ts';

const NEEDS: Partial<Record<Category, string[]>> = {
	GROCERIES: [
		'Groceries for my mother this week',
		'Rice, beans and fresh fruit for a family of four',
		'Halal groceries for Ramadan'
	],
	MEALS: ['Hot meals for a neighbor after surgery', 'Dinner for two a few nights this week'],
	BABY_KIDS: ['Diapers, size 4', 'Winter coat for a 6-year-old', 'A stroller for a newborn'],
	RIDES: ['Ride to a clinic appointment on Tuesday', 'Ride to the airport early Friday'],
	PHARMACY: ['Pick up a prescription from the pharmacy', 'Medicine pickup while I recover'],
	TECH_HELP: ['Help setting up a phone for video calls', 'Help filling an online form'],
	PAPERWORK: ['Help with a SNAP renewal', 'Help reading a letter from my landlord'],
	MOVING: ['Two people to help carry a couch upstairs', 'Help moving boxes on Saturday'],
	COMPANIONSHIP: ['Someone to chat with on the phone once a week', 'A walking buddy in the mornings'],
	ELDER_CHECKINS: ['Weekly check-in call for my grandfather']
};
const OFFERS: Partial<Record<Category, string[]>> = {
	HOUSEHOLD: ['A crib in good shape', 'Pots and pans, barely used', 'A small table and two chairs'],
	CLOTHING: ['Bags of kids clothes, sizes 2 to 5', 'Winter jackets, adult sizes'],
	RIDES: ['Rides to appointments on Tuesdays', 'I can drive people to the food pantry on weekends'],
	LANGUAGE_HELP: ['Spanish and English help with calls', 'Help with Bengali translation'],
	REPAIRS: ['I can fix bikes', 'Small repairs around the home'],
	PET_CARE: ['Dog walking on weekday afternoons'],
	MEALS: ['Home-cooked meals on Sundays', 'Extra soup every Wednesday'],
	CHILDCARE: ['After-school pickup for kids at PS 123'],
	TECH_HELP: ['Phone and computer help for seniors']
};

const DETAILS = [
	'Weekday evenings work best.',
	'Any time this week is fine.',
	'I can meet at the door.',
	'Happy to speak Spanish or English.',
	'Please message me here first.',
	'No rush, whenever you can.',
	'It would really help this weekend.',
	'I can do pickups after 6pm.'
];

function pick<T>(items: readonly T[]): T {
	return items[Math.floor(Math.random() * items.length)]!;
}

export async function seedDemoPosts(count: number, log: (line: string) => void = logLine) {
	const neighborhoods = await db.neighborhood.findMany({
		where: { ntaType: 'RESIDENTIAL' },
		select: { id: true }
	});
	const routes = await networksTaking(neighborhoods.map((n) => n.id));
	const people = Math.max(1, Math.min(2000, Math.ceil(count / 20)));
	const tag = Date.now().toString(36);
	await db.user.createMany({
		data: Array.from({ length: people }, (_, i) => ({
			id: `demo-${tag}-${i}`,
			email: `demo-${tag}-${i}@example.invalid`,
			name: faker.person.firstName(),
			languages: faker.helpers.arrayElements(['en', 'es', 'zh', 'ru', 'bn', 'ht'], { min: 1, max: 2 }),
			profileCompletedAt: new Date()
		}))
	});
	const now = Date.now();
	const BATCH = 2000;
	for (let done = 0; done < count; done += BATCH) {
		const data: Prisma.PostCreateManyInput[] = Array.from({ length: Math.min(BATCH, count - done) }, () => {
			const kind: PostKind = Math.random() < 0.6 ? 'NEED' : 'OFFER';
			const ideas = kind === 'NEED' ? NEEDS : OFFERS;
			const category = pick(Object.keys(ideas) as Category[]) ?? pick(CATEGORIES);
			const neighborhood = pick(neighborhoods);
			const network = pick(routes.get(neighborhood.id) ?? []);
			const createdAt = new Date(now - Math.random() * 13 * 24 * 60 * 60 * 1000);
			const timeWindow = pick(TIME_WINDOWS.filter((w) => w !== 'BY_DATE'));
			const ongoing = kind === 'OFFER' && Math.random() < 0.3;
			return {
				kind,
				title: pick(ideas[category] ?? ['Help wanted']),
				details: faker.helpers.arrayElements(DETAILS, { min: 1, max: 2 }).join(' '),
				category,
				neighborhoodId: neighborhood.id,
				networkId: network.id,
				networkIsFallback: network.fallback,
				timeWindow,
				dueAt: dueAtFor({ timeWindow, neededBy: null }, createdAt),
				quantity: kind === 'OFFER' && !ongoing ? faker.number.int({ min: 1, max: 5 }) : null,
				ongoing,
				languages: [pick(['en', 'es'])],
				authorId: `demo-${tag}-${Math.floor(Math.random() * people)}`,
				createdAt,
				expiresAt: expiryFrom(createdAt),
				// Made-up posts are no news to the real people who may run these networks.
				networkNotifiedAt: createdAt
			};
		});
		await db.post.createMany({ data });
		log(`  ${Math.min(done + BATCH, count)} / ${count} posts`);
	}
}
