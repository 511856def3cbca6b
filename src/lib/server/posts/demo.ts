// Realistic demo posts for demos and benchmarks (npm run seed:demo -- --posts N). Demo people use
// addresses under example.invalid, which can never receive mail; the outbox queues none for them.
import { faker } from '@faker-js/faker';
import { CATEGORIES, TIME_WINDOWS, type Category, type PostKind } from '../../posts.ts';
import { spokenLanguageOf } from '../../languages.ts';
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

/**
 * Posts written in the other languages neighbors post in, for a board (and a benchmark) that is not
 * all English: each with its kind, category, title and details, in the language's own words.
 */
type Written = [PostKind, Category, string, string];
const IN_LANGUAGES: Record<string, Written[]> = {
	es: [
		['NEED', 'MOVING', 'Necesito ayuda con la mudanza el sábado', 'Son cajas pesadas, gracias.'],
		['NEED', 'GROCERIES', 'Comida para una familia de cuatro', 'Puedo recogerla por la tarde.'],
		['OFFER', 'CLOTHING', 'Ropa de invierno para niños', 'Tallas de 2 a 6 años.'],
		['OFFER', 'LANGUAGE_HELP', 'Ayudo con llamadas en inglés los martes', 'Por teléfono o en persona.']
	],
	'zh-Hans': [
		['NEED', 'MOVING', '我需要帮助搬家', '周六上午，谢谢邻居们！'],
		['OFFER', 'MEALS', '每周给老人送饭', '周末都可以。']
	],
	'zh-Hant': [
		['NEED', 'MOVING', '需要人幫忙搬家', '週末都可以。'],
		['OFFER', 'CLOTHING', '提供兒童冬衣', '尺寸二到六歲。']
	],
	ru: [
		['NEED', 'GROCERIES', 'Нужна помощь с продуктами для бабушки', 'Спасибо большое!'],
		['OFFER', 'RIDES', 'Могу отвезти к врачу по вторникам', 'Пишите заранее.']
	],
	bn: [
		['NEED', 'GROCERIES', 'আমার বাড়িতে বাজার দরকার', 'ধন্যবাদ।'],
		['OFFER', 'CLOTHING', 'শিশুদের জন্য শীতের কাপড়', 'বিভিন্ন মাপের।']
	],
	ht: [
		['NEED', 'GROCERIES', 'Mwen bezwen manje pou fanmi mwen', 'Mèsi anpil.'],
		['OFFER', 'PAPERWORK', 'Mwen ka ede ak papye imigrasyon', 'Nou pale Kreyòl ak Fransè.']
	],
	ko: [
		['OFFER', 'CHILDCARE', '학교에서 아이들을 데려다 드려요', '오후 3시에 끝나요.'],
		['OFFER', 'MEALS', '어르신께 반찬을 나눠 드려요', '매주 금요일.']
	],
	ar: [
		['NEED', 'GROCERIES', 'أحتاج مساعدة في التسوق', 'شكرا جزيلا.'],
		['OFFER', 'LANGUAGE_HELP', 'أقدم دروسا في اللغة الإنجليزية', 'مساء كل أربعاء.']
	],
	ur: [
		['NEED', 'PHARMACY', 'مجھے دوائیں لانے میں مدد چاہیے', 'شکریہ۔'],
		['OFFER', 'CLOTHING', 'بچوں کے لیے سردیوں کے کپڑے', 'مختلف سائز۔']
	],
	fr: [
		['NEED', 'MOVING', "Besoin d'aide pour déménager samedi", 'Merci beaucoup !'],
		['OFFER', 'CLOTHING', 'Vêtements pour enfants, tailles 4 à 6', 'À venir chercher le soir.']
	],
	pl: [
		['NEED', 'MOVING', 'Pomoc w przeprowadzce w sobotę', 'Dziękuję bardzo!'],
		['NEED', 'GROCERIES', 'Zakupy dla starszej sąsiadki', 'Raz w tygodniu.']
	]
};
/** Half the demo posts are in English, a fifth in Spanish, the rest spread over the other languages. */
const OTHER_LANGUAGES = Object.keys(IN_LANGUAGES).filter((code) => code !== 'es');

function pick<T>(items: readonly T[]): T {
	return items[Math.floor(Math.random() * items.length)]!;
}

/**
 * Makes demo people and returns a maker of `count` demo posts by them, in batches, for whichever
 * way of inserting suits: createMany here, a bulk insert in the benchmark.
 */
export async function demoPostBatches(count: number, batch = 2000) {
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
	const demoPost = (): Prisma.PostCreateManyInput => {
		const roll = Math.random();
		const language = roll < 0.5 ? 'en' : roll < 0.7 ? 'es' : pick(OTHER_LANGUAGES);
		let kind: PostKind = Math.random() < 0.6 ? 'NEED' : 'OFFER';
		const ideas = kind === 'NEED' ? NEEDS : OFFERS;
		let category = pick(Object.keys(ideas) as Category[]) ?? pick(CATEGORIES);
		let title = pick(ideas[category] ?? ['Help wanted']);
		let details = faker.helpers.arrayElements(DETAILS, { min: 1, max: 2 }).join(' ');
		if (language !== 'en') [kind, category, title, details] = pick(IN_LANGUAGES[language]!);
		const neighborhood = pick(neighborhoods);
		const network = pick(routes.get(neighborhood.id) ?? []);
		const createdAt = new Date(now - Math.random() * 13 * 24 * 60 * 60 * 1000);
		const timeWindow = pick(TIME_WINDOWS.filter((w) => w !== 'BY_DATE'));
		const ongoing = kind === 'OFFER' && Math.random() < 0.3;
		return {
			kind,
			title,
			details,
			category,
			neighborhoodId: neighborhood.id,
			networkId: network.id,
			networkIsFallback: network.fallback,
			timeWindow,
			dueAt: dueAtFor({ timeWindow, neededBy: null }, createdAt),
			quantity: kind === 'OFFER' && !ongoing ? faker.number.int({ min: 1, max: 5 }) : null,
			ongoing,
			languages: language === 'en' ? [pick(['en', 'es'])] : [spokenLanguageOf(language), 'en'],
			language,
			authorId: `demo-${tag}-${Math.floor(Math.random() * people)}`,
			createdAt,
			expiresAt: expiryFrom(createdAt),
			// Made-up posts are no news to the real people who may run these networks.
			networkNotifiedAt: createdAt
		};
	};
	return function* () {
		for (let done = 0; done < count; done += batch) {
			yield Array.from({ length: Math.min(batch, count - done) }, demoPost);
		}
	};
}

export async function seedDemoPosts(count: number, log: (line: string) => void = logLine) {
	const batches = await demoPostBatches(count);
	let done = 0;
	for (const data of batches()) {
		await db.post.createMany({ data });
		done += data.length;
		log(`  ${done} / ${count} posts`);
	}
}
