// An organizer pauses new requests when volunteers run out: a neighbor's new post goes to the other
// network covering her neighborhood, and the network's page says so honestly, with the organizers' own
// words (here written in three languages) under a frame every reader gets in theirs: English, Spanish,
// Chinese and Arabic here.
import { expect, test } from '@playwright/test';
import { expectAccessible } from './support/axe.ts';
import { signInAs, withDatabase } from './support/auth.ts';

// Both cover Bedford-Stuyvesant (East) and nobody else does (see prisma/data/networks.csv).
const SLUG = 'feed-the-people-bedstuy';
const NAME = 'Feed the People Bedstuy';
const OTHER = 'Bed-Stuy Strong';
const MESSAGE = [
	'We have run out of volunteers for now. Please call the church pantry on Tompkins Ave.',
	'Nos quedamos sin voluntarios por ahora. Llame a la despensa de la iglesia en Tompkins Ave.',
	'我们暂时没有志愿者了。请联系 Tompkins Ave 的教会食物发放点。'
].join('\n');

const resume = () =>
	withDatabase((db) =>
		db.query('UPDATE networks SET paused_until = NULL, pause_message = NULL WHERE slug = $1', [SLUG])
	);
test.beforeAll(resume);
test.afterAll(resume);

const inTenDays = () => {
	const date = new Date(Date.now() + 10 * 24 * 60 * 60 * 1000);
	return date.toLocaleDateString('en-CA', { timeZone: 'America/New_York' });
};
const longDate = (date: string, locale: string) =>
	new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(
		new Date(`${date}T12:00:00Z`)
	);

test('a paused network sends a new post to the other network there and says so in every language', async ({
	browser
}) => {
	const until = inTenDays();
	const organizer = await browser.newContext();
	await signInAs(organizer, { network: SLUG, role: 'ORGANIZER' }, 'Rita Organizer');
	const page = await organizer.newPage();
	await page.goto(`/networks/${SLUG}`);
	await page.getByRole('link', { name: 'Pause requests or set limits' }).click();
	await page.getByLabel('Take requests again on').fill(until);
	await page.getByLabel('Your message (optional)').fill(MESSAGE);
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Pause new requests' }).click();
	await expect(page.getByRole('heading', { level: 2, name: `Pause new requests to ${NAME}` })).toBeFocused();
	await expectAccessible(page);
	await page.getByRole('button', { name: 'Pause', exact: true }).click();

	await expect(page.getByRole('status')).toHaveText('New requests are paused. Your page now says so.');
	const frame = `${NAME} is not taking new requests until ${longDate(until, 'en')}.`;
	const notice = page.getByRole('region', { name: frame });
	await expect(notice).toBeVisible();
	// The organizers' words, each language as they wrote it.
	for (const line of MESSAGE.split('\n')) await expect(notice.getByText(line)).toBeVisible();
	await expect(notice.getByRole('link', { name: OTHER })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Ask for help through this network' })).toHaveCount(0);
	await expectAccessible(page);

	// Its team sees what is waiting, the longest first, on the dashboard.
	await page.goto(`/moderate/networks/${SLUG}/dashboard`);
	await expect(page.getByRole('heading', { level: 2, name: 'Waiting for help' })).toBeVisible();
	await expect(page.getByText('Active volunteers')).toBeVisible();
	await expectAccessible(page);
	await organizer.close();

	// A neighbor there posts; the other network takes it, with no question to answer.
	const neighbor = await browser.newContext();
	await signInAs(neighbor);
	const form = await neighbor.newPage();
	await form.goto('/posts/new');
	await form.getByRole('radio', { name: 'I need something' }).check();
	await form.getByLabel('Title').fill('Groceries for my mother this week');
	await form.getByLabel('Category').selectOption({ label: 'Groceries & food' });
	await form.getByLabel('Neighborhood').selectOption({ label: 'Bedford-Stuyvesant (East)' });
	await form.getByRole('button', { name: 'Post it' }).click();
	await expect(form).toHaveURL(/\/posts\/\d+$/);
	await expect(form.getByRole('link', { name: new RegExp(OTHER) })).toBeVisible();
	await expect(form.getByRole('link', { name: new RegExp(NAME) })).toHaveCount(0);
	await neighbor.close();

	// Someone reading in Spanish gets the same notice in Spanish, and the organizers' words unchanged.
	const reader = await browser.newContext({
		locale: 'es-US',
		extraHTTPHeaders: { 'Accept-Language': 'es-US,es;q=0.9' }
	});
	const spanish = await reader.newPage();
	await spanish.goto(`/networks/${SLUG}`);
	const marco = `${NAME} no está aceptando nuevas solicitudes hasta el ${longDate(until, 'es')}.`;
	const aviso = spanish.getByRole('region', { name: marco });
	await expect(aviso).toBeVisible();
	await expect(aviso.getByText(MESSAGE.split('\n')[2]!)).toBeVisible();
	await expect(aviso.getByText('llame al 311', { exact: false })).toBeVisible();
	await expectAccessible(spanish);
	await reader.close();

	// And so on in every language the app speaks, right-to-left ones included.
	const frames = {
		'zh-Hans': (date: string) => `${NAME}在${date}之前暂停接受新的求助。`,
		ar: (date: string) => `لا تستقبل ${NAME} طلبات جديدة حتى ${date}.`
	};
	for (const [lang, frameIn] of Object.entries(frames)) {
		const context = await browser.newContext();
		const other = await context.newPage();
		await other.goto(`/networks/${SLUG}?lang=${lang}`);
		const region = other.getByRole('region', { name: frameIn(longDate(until, lang)) });
		await expect(region).toBeVisible();
		await expect(region.getByText(MESSAGE.split('\n')[0]!)).toBeVisible();
		await expectAccessible(other);
		await context.close();
	}
});
