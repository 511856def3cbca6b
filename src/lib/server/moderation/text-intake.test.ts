// Intake by text, through the signed inbound webhook and the moderators' pages: a text from a number
// nobody here has, to a network's own number, is a draft only that network's team sees; posted, it is
// an intake post with the number as contact, and the neighbor is texted on receipt, when it is posted
// and when someone offers help. Organizers set the number on the network's settings page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectDatabase, useTestDatabase } from '../../../../tests/support/database.ts';
import { call, form, requestEvent } from '../../../../tests/support/request-event.ts';
import { postWebhook, useFakeSms } from '../../../../tests/support/sms.ts';
import * as inboundRoute from '../../../routes/sms/inbound/+server.ts';
import * as draftPage from '../../../routes/moderate/intake/texts/[id=id]/+page.server.ts';
import * as editPage from '../../../routes/networks/[slug=slug]/edit/+page.server.ts';
import { createClaim } from '../claims/lifecycle.ts';
import type { Database } from '../db/index.ts';
import { DRAFT_DAYS, deleteStaleDrafts, guessLanguage } from './text-intake.ts';

const RUN = `t${Date.now().toString(36)}`;
let db: Database;
let counter = 0;
const fake = useFakeSms();
// Networks no other test posts intake in; the first covers Kensington.
const HOME = 'kensington-group-for-mutual-aid';
const OTHER = 'flushing-food-collaborative';
const HOME_NUMBER = '+17185550142';

beforeAll(async () => {
	db = await useTestDatabase();
	await db.network.updateMany({ where: { smsNumber: HOME_NUMBER }, data: { smsNumber: null } });
	await db.network.update({ where: { slug: HOME }, data: { smsNumber: HOME_NUMBER } });
});
// Households other tests count (dashboards, the roster) go with the run.
afterAll(async () => {
	await db.household.deleteMany({ where: { name: { endsWith: RUN } } });
	await disconnectDatabase();
});

const neighbor = () => `+1347555${String(3000 + (++counter % 1000))}`;
const text = (from: string, body: string, to = HOME_NUMBER) =>
	postWebhook(fake.current, inboundRoute, '/sms/inbound', {
		From: from,
		To: to,
		Body: body,
		MessageSid: `SM${RUN}${++counter}`
	});
const textsTo = (number: string) =>
	db.outboxMessage.findMany({
		where: { channel: 'SMS', toAddress: number },
		orderBy: { id: 'asc' },
		select: { text: true, fromAddress: true }
	});
async function member(slug: string, role: 'MODERATOR' | 'ORGANIZER' = 'MODERATOR') {
	const user = await db.user.create({ data: { email: `m-${RUN}-${++counter}@example.org`, name: 'Team' } });
	const { id: networkId } = await db.network.findUniqueOrThrow({ where: { slug } });
	await db.networkMembership.create({ data: { userId: user.id, networkId, role } });
	return user;
}
const draftOf = (phone: string) => db.intakeDraft.findFirst({ where: { phone } });

describe('guessing the language a request was written in', () => {
	it.each([
		['Necesito comida para mi familia esta semana', 'es'],
		['I need groceries for my mom this week', 'en'],
		['Mwen bezwen manje pou pitit mwen yo', 'ht'],
		['我需要食物帮助，谢谢', 'zh-Hans'],
		['我們需要食物幫助，謝謝', 'zh-Hant'],
		['Мне нужна помощь с продуктами', 'ru'],
		['أحتاج إلى طعام لعائلتي', 'ar'],
		['مجھے کھانے کی ضرورت ہے', 'ur']
	])('%s → %s', async (words, language) => {
		expect(await guessLanguage(words)).toBe(language);
	});
	it('falls back to the network’s first language when a text is too short to tell', async () => {
		expect(await guessLanguage('ok', ['es', 'en'])).toBe('es');
		expect(await guessLanguage('ok')).toBe('en');
	});
});

describe('a text to a network’s number', () => {
	it('starts a draft, texts the neighbor from the network’s number in their language, and joins later texts', async () => {
		const from = neighbor();
		expect(await text(from, 'Necesito comida para mis hijos esta semana')).toMatchObject({ status: 200 });
		await text(from, 'Vivo en Kensington');
		const draft = await draftOf(from);
		expect(draft).toMatchObject({
			body: 'Necesito comida para mis hijos esta semana\nVivo en Kensington',
			language: 'es'
		});
		const texts = await textsTo(from);
		expect(texts).toHaveLength(1);
		expect(texts[0]!.fromAddress).toBe(HOME_NUMBER);
		expect(texts[0]!.text).toMatch(/recibimos tu pedido/);
	});

	it('keeps both of two first texts from a number that arrive at the same instant', async () => {
		const from = neighbor();
		const answers = await Promise.all([text(from, 'I need diapers'), text(from, 'size 4 please')]);
		expect(answers).toMatchObject([{ status: 200 }, { status: 200 }]);
		const drafts = await db.intakeDraft.findMany({ where: { phone: from } });
		expect(drafts).toHaveLength(1);
		expect(drafts[0]!.body.split('\n').sort()).toEqual(['I need diapers', 'size 4 please']);
		expect(await textsTo(from)).toHaveLength(1);
	});

	it('is not a draft from a number with an account, nor to a number no network has', async () => {
		const person = await db.user.create({ data: { name: 'Has account', smsNumber: neighbor() } });
		await text(person.smsNumber!, 'I need a ride');
		expect(await draftOf(person.smsNumber!)).toBeNull();
		const stranger = neighbor();
		await text(stranger, 'I need a ride', '+17185550199');
		expect(await draftOf(stranger)).toBeNull();
	});

	it('shows the draft to its network’s team only; posting it texts the neighbor, and so does an offer', async () => {
		const from = neighbor();
		await text(from, 'I need groceries for my mother, she cannot walk far');
		const draft = (await draftOf(from))!;
		const path = `/moderate/intake/texts/${draft.id}`;
		const params = { id: String(draft.id) };
		const outsider = await member(OTHER);
		const admin = await db.user.create({ data: { email: `a-${RUN}@example.org`, isAdmin: true } });
		for (const userId of [outsider.id, admin.id]) {
			expect(await call(draftPage.load, await requestEvent({ path, params, userId }))).toMatchObject({
				kind: 'error',
				status: 404
			});
			const discard = await requestEvent({ path, params, userId, body: form({ confirmed: 'yes' }) });
			expect(await call(draftPage.actions.discard, discard)).toMatchObject({ status: 404 });
		}
		const moderator = await member(HOME);
		const page = await call(draftPage.load, await requestEvent({ path, params, userId: moderator.id }));
		expect(page).toMatchObject({
			kind: 'data',
			data: { draft: { phone: from }, values: { language: 'en' } }
		});

		const fields = {
			intakeName: 'Ms. Lee',
			kind: 'NEED',
			title: `Groceries for Ms. Lee ${RUN}`,
			details: 'Weekly groceries',
			category: 'MEALS',
			neighborhood: 'kensington',
			network: '999999',
			timeWindow: 'THIS_WEEK',
			language: 'en'
		};
		const posted = await call(
			draftPage.actions.post,
			await requestEvent({ path: `${path}?/post`, params, userId: moderator.id, body: form(fields) })
		);
		expect(posted).toMatchObject({ kind: 'redirect', status: 303 });
		const postId = Number((posted as { location: string }).location.split('/').pop());
		const post = await db.post.findUniqueOrThrow({ where: { id: postId } });
		expect(post).toMatchObject({
			intakeName: 'Ms. Lee',
			intakeContact: from,
			intakeByText: true,
			status: 'OPEN'
		});
		expect(await db.intakeDraft.findUnique({ where: { id: draft.id } })).toBeNull();

		const helper = await db.user.create({ data: { email: `h-${RUN}@example.org`, name: 'Helper' } });
		await createClaim(postId, helper.id, 'I can shop on Saturday', 'https://each.test');
		const texts = (await textsTo(from)).map((t) => t.text);
		expect(texts).toHaveLength(3);
		expect(texts[1]).toMatch(new RegExp(`your request is posted: .*/posts/${postId}`));
		expect(texts[2]).toMatch(/a neighbor offered to help with "Groceries for Ms\. Lee/);
	});

	it('can be discarded after a confirmation, and is deleted after 30 days', async () => {
		const from = neighbor();
		await text(from, 'Help with rent please');
		const draft = (await draftOf(from))!;
		const moderator = await member(HOME);
		const path = `/moderate/intake/texts/${draft.id}`;
		const params = { id: String(draft.id) };
		const ask = await requestEvent({ path, params, userId: moderator.id, body: form({}) });
		expect(await call(draftPage.actions.discard, ask)).toMatchObject({
			kind: 'fail',
			data: { confirm: true }
		});
		expect(await draftOf(from)).not.toBeNull();
		const sure = await requestEvent({ path, params, userId: moderator.id, body: form({ confirmed: 'yes' }) });
		expect(await call(draftPage.actions.discard, sure)).toMatchObject({ kind: 'redirect' });
		expect(await draftOf(from)).toBeNull();

		const old = neighbor();
		await text(old, 'Need diapers');
		const day = 24 * 60 * 60 * 1000;
		await deleteStaleDrafts(new Date(Date.now() + (DRAFT_DAYS - 1) * day));
		expect(await draftOf(old)).not.toBeNull();
		await deleteStaleDrafts(new Date(Date.now() + (DRAFT_DAYS + 1) * day));
		expect(await draftOf(old)).toBeNull();
	});
});

describe('a text taken onto the household roster', () => {
	const roster = async (draftId: number, userId: string, fields: Record<string, string>) =>
		call(
			draftPage.actions.roster,
			await requestEvent({
				path: `/moderate/intake/texts/${draftId}?/roster`,
				params: { id: String(draftId) },
				userId,
				body: form(fields)
			})
		);
	const pageOf = async (draftId: number, userId: string) =>
		call(
			draftPage.load,
			await requestEvent({
				path: `/moderate/intake/texts/${draftId}`,
				params: { id: String(draftId) },
				userId
			})
		);

	it('opens a request from TEXT on a new household in the text’s language, or on the one with that number', async () => {
		const from = neighbor();
		const name = `Doña Ana ${RUN}`;
		await text(from, 'Necesito comida para mi familia esta semana');
		const first = (await draftOf(from))!;
		const moderator = await member(HOME);
		expect(await pageOf(first.id, moderator.id)).toMatchObject({
			kind: 'data',
			data: { roster: { household: null, slug: HOME } }
		});

		// A number not on the roster needs a name; a kind of request is always needed.
		expect(await roster(first.id, moderator.id, { category: 'GROCERIES', name: ' ' })).toMatchObject({
			status: 400,
			data: { form: 'roster', errors: { name: 'household_error_name' } }
		});
		expect(await roster(first.id, moderator.id, { category: 'ROCKETS', name })).toMatchObject({
			status: 400,
			data: { form: 'roster', errors: { category: 'household_error_category' } }
		});
		expect(await draftOf(from)).not.toBeNull();

		const added = await roster(first.id, moderator.id, { category: 'GROCERIES', name });
		expect(added).toMatchObject({ kind: 'redirect', status: 303 });
		const household = await db.household.findFirstOrThrow({
			where: { phone: from, network: { slug: HOME } },
			include: { requests: true }
		});
		expect((added as { location: string }).location).toBe(
			`/moderate/networks/${HOME}/households/${household.id}`
		);
		expect(household).toMatchObject({ name, languages: ['es'] });
		expect(household.requests).toMatchObject([{ category: 'GROCERIES', source: 'text', status: 'OPEN' }]);
		expect(await db.intakeDraft.findUnique({ where: { id: first.id } })).toBeNull();
		// Taken already: the same form sent again finds nothing.
		expect(await roster(first.id, moderator.id, { category: 'GROCERIES', name })).toMatchObject({
			status: 404
		});
		let texts = await textsTo(from);
		expect(texts).toHaveLength(2);
		expect(texts[1]).toMatchObject({ fromAddress: HOME_NUMBER });
		expect(texts[1]!.text).toMatch(/tenemos su solicitud de "Comestibles y comida" en nuestra lista/);

		// They text again: the page names the household the number is, and the request opens there.
		await text(from, 'También necesito ropa para los niños');
		const second = (await draftOf(from))!;
		expect(await pageOf(second.id, moderator.id)).toMatchObject({
			data: { roster: { household: { id: household.id, name } } }
		});
		expect(await roster(second.id, moderator.id, { category: 'CLOTHING' })).toMatchObject({
			kind: 'redirect',
			location: `/moderate/networks/${HOME}/households/${household.id}`
		});
		const requests = await db.householdRequest.findMany({
			where: { householdId: household.id },
			orderBy: { id: 'asc' }
		});
		expect(requests.map((r) => [r.category, r.source, r.status])).toEqual([
			['GROCERIES', 'text', 'OPEN'],
			['CLOTHING', 'text', 'OPEN']
		]);
		expect(await db.household.count({ where: { phone: from } })).toBe(1);
		texts = await textsTo(from);
		expect(texts.at(-1)!.text).toMatch(/solicitud de "Ropa" en nuestra lista/);
	});

	it('is for the network’s own team only', async () => {
		const from = neighbor();
		await text(from, 'I need diapers for my baby');
		const draft = (await draftOf(from))!;
		const outsider = await member(OTHER);
		const admin = await db.user.create({ data: { email: `a2-${RUN}@example.org`, isAdmin: true } });
		for (const userId of [outsider.id, admin.id]) {
			expect(await roster(draft.id, userId, { category: 'BABY_KIDS', name: `Nobody ${RUN}` })).toMatchObject({
				status: 404
			});
		}
		expect(await draftOf(from)).not.toBeNull();
		expect(await db.household.count({ where: { phone: from } })).toBe(0);
	});
});

describe('the network’s texting number', () => {
	// The form as the page sends it, its coverage included: the save replaces coverage, and other test
	// files count the directory's.
	const save = async (userId: string, smsNumber: string, slug = OTHER) => {
		const { coverage } = await db.network.findUniqueOrThrow({
			where: { slug },
			select: { coverage: { select: { neighborhoodId: true } } }
		});
		return call(
			editPage.actions.save,
			await requestEvent({
				path: `/networks/${slug}/edit?/save`,
				params: { slug },
				userId,
				body: form({
					description: '',
					websiteUrl: '',
					hotline: '',
					smsNumber,
					coverage: coverage.map(({ neighborhoodId }) => String(neighborhoodId))
				})
			})
		);
	};

	it('is set by its organizers in E.164, with clear errors, and is one network’s only', async () => {
		const organizer = await member(OTHER, 'ORGANIZER');
		expect(await save(organizer.id, '(718) 555-0177')).toMatchObject({ kind: 'redirect' });
		expect((await db.network.findUniqueOrThrow({ where: { slug: OTHER } })).smsNumber).toBe('+17185550177');
		expect(await save(organizer.id, '12')).toMatchObject({
			status: 400,
			data: { errors: { smsNumber: 'phone_error_invalid' } }
		});
		expect(await save(organizer.id, HOME_NUMBER)).toMatchObject({
			status: 400,
			data: { errors: { smsNumber: 'network_edit_error_sms_taken' }, values: { smsNumber: HOME_NUMBER } }
		});
		// The site's own number answers every network's households; no one network may take it.
		expect(await save(organizer.id, fake.current.from)).toMatchObject({
			status: 400,
			data: { errors: { smsNumber: 'network_edit_error_sms_site' } }
		});
		expect(await save(organizer.id, '')).toMatchObject({ kind: 'redirect' });
		expect((await db.network.findUniqueOrThrow({ where: { slug: OTHER } })).smsNumber).toBeNull();
		const moderator = await member(OTHER);
		expect(await save(moderator.id, '(718) 555-0177')).toMatchObject({ status: 404 });
	});
});
