// The printable flyer as a printer gets it: Chromium prints it to exactly one page of US Letter and of
// A4, in one language and in two, and a phone scanning the printed QR code opens the place's page in
// the flyer's language.
import { expect, test, type Locator, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PDFDocument } from 'pdf-lib';
import { PNG } from 'pngjs';
import { expectAccessible } from './support/axe.ts';

// PDF points (1/72 in): 8.5 × 11 in, and 210 × 297 mm.
const PAPER = {
	letter: { format: 'Letter', width: 612, height: 792 },
	a4: { format: 'A4', width: 595.28, height: 841.89 }
} as const;

/** What a phone camera reads from the code as the screen draws it. */
async function decode(qr: Locator) {
	const png = PNG.sync.read(await qr.screenshot());
	const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	expect(code, 'a readable QR code').not.toBeNull();
	return code!.data;
}

/** The pages Chromium prints, after checking nothing on the sheet is cut off to fit the paper. */
async function printedPages(page: Page, size: keyof typeof PAPER) {
	await page.emulateMedia({ media: 'print' });
	const sheet = page.getByTestId('flyer');
	const [content, room] = await sheet.evaluate((el) => [el.scrollHeight, el.clientHeight]);
	expect(content, `${size}: everything fits on the sheet`).toBeLessThanOrEqual(room);
	await page.emulateMedia({ media: null });
	const pdf = await PDFDocument.load(
		await page.pdf({ format: PAPER[size].format, preferCSSPageSize: true, printBackground: true })
	);
	return pdf.getPages().map((p) => p.getSize());
}

test('a neighborhood’s flyer prints on one page of either paper and its QR code opens the board in its language', async ({
	page,
	baseURL
}) => {
	await page.goto('/neighborhoods/kensington?lang=es');
	await page.getByRole('link', { name: 'Imprimir un volante' }).click();
	await expect(page).toHaveURL(/\/neighborhoods\/kensington\/flyer$/);
	await expect(page.getByRole('heading', { level: 2 })).toHaveText(
		'Vecinos ayudando a vecinos en Kensington'
	);
	await expectAccessible(page);

	const qr = page.getByRole('img', { name: /^Código QR/ });
	const address = await decode(qr);
	expect(address).toBe(`${baseURL}/neighborhoods/kensington?lang=es`);

	for (const size of ['letter', 'a4'] as const) {
		await page.goto(`/neighborhoods/kensington/flyer?size=${size}`);
		const pages = await printedPages(page, size);
		expect(pages, `${size}: one page`).toHaveLength(1);
		expect(pages[0]!.width).toBeCloseTo(PAPER[size].width, 0);
		expect(pages[0]!.height).toBeCloseTo(PAPER[size].height, 0);
	}

	// The scanned address opens the neighborhood in Spanish even on a phone that has never been here.
	const phone = await page.context().browser()!.newPage({ locale: 'en-US' });
	await phone.goto(address);
	await expect(phone.locator('html')).toHaveAttribute('lang', 'es');
	await expect(phone.getByRole('heading', { level: 1 })).toHaveText('Kensington');
	await phone.close();
});

test('a network’s flyer in two languages side by side still prints on one page, each code in its own language', async ({
	page,
	baseURL
}) => {
	const network = '/networks/kensington-group-for-mutual-aid';
	await page.goto(`${network}?lang=en`);
	await page.getByRole('link', { name: 'Print a flyer' }).click();
	await page.getByLabel('Second language, side by side').selectOption('ar');
	await page.getByRole('radio', { name: 'A4' }).check();
	await page.getByRole('button', { name: 'Show the flyer' }).click();
	await expect(page).toHaveURL(/\/flyer\?.*second=ar/);
	await expectAccessible(page);

	const columns = page.getByTestId('flyer').locator('section');
	await expect(columns).toHaveCount(2);
	await expect(columns.nth(1)).toHaveAttribute('dir', 'rtl');
	expect(await decode(columns.nth(0).getByRole('img', { name: /QR/ }))).toBe(`${baseURL}${network}?lang=en`);
	expect(await decode(columns.nth(1).getByRole('img', { name: /QR/ }))).toBe(`${baseURL}${network}?lang=ar`);

	for (const size of ['a4', 'letter'] as const) {
		await page.goto(`${network}/flyer?second=ar&size=${size}`);
		expect(await printedPages(page, size), `${size}: one page`).toHaveLength(1);
	}
});
