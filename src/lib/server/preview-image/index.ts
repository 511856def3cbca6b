// The picture a chat app shows beside a link to a post, a neighborhood or a network: a card with what
// it is, its title, and where. An SVG drawn here, rendered to a PNG of a few KB by resvg with the fonts
// in assets/fonts only (DejaVu Sans), so it looks the same on every server. Text in a script those fonts
// lack (Chinese, Korean, Bengali…) is left out of the picture rather than drawn as empty boxes; the
// preview's title and description, which the chat app shows as text, still carry it. Rendered once per
// content and language, then served from memory.
import { projectPath } from '../config.ts';

// Drawn at Open Graph's 1200 × 630 and rendered at half that: sharp enough for a chat's thumbnail (and
// Facebook's 600 px minimum for a large card) at a quarter of the bytes.
const IMAGE_WIDTH = 1200;
const IMAGE_HEIGHT = 630;
export const PNG_SIZE = { width: 600, height: 315 };

export interface PreviewCard {
	/** A short label above the title: "Need", "Offer", "Neighborhood", "Mutual aid network". */
	label: string;
	tone: 'need' | 'offer' | 'place';
	title: string;
	/** Up to two short lines under the title: where, and through whom. */
	lines: string[];
	siteName: string;
}

// The site's own colours (app.css): the kind badges' tints, the accent, ink on paper.
const TONES = {
	need: { background: '#fde3dc', ink: '#7a2413' },
	offer: { background: '#dce9fd', ink: '#163f78' },
	place: { background: '#d9f2e0', ink: '#1b5130' }
} as const;

// The scripts DejaVu Sans draws; Common and Inherited are digits, punctuation and combining marks.
const DRAWABLE =
	/^[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Armenian}\p{Script=Georgian}\p{Script=Common}\p{Script=Inherited}]*$/u;

/** The text without emoji (no colour font here), or '' when the fonts cannot draw it. */
export function drawable(text: string) {
	const plain = text
		.replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}/gu, '')
		.replace(/[\s\p{Cc}]+/gu, ' ')
		.trim();
	return DRAWABLE.test(plain) ? plain : '';
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The title in at most `rows` lines of about `width` characters, breaking between words, and inside a
 * word only when it is longer than a line (as in scripts written without spaces); an ellipsis ends what
 * does not fit.
 */
export function wrap(text: string, width: number, rows: number): string[] {
	const lines: string[] = [];
	let line: string[] = [];
	const push = () => {
		if (line.length) lines.push(line.join(''));
		line = [];
	};
	for (const word of text.trim().split(/(?<=\s)/u)) {
		const chars = Array.from(word);
		// The space after a word may hang past the line's end.
		if (line.length && line.length + Array.from(word.trimEnd()).length > width) push();
		for (const char of chars) {
			if (line.length >= width) push();
			if (line.length || !/\s/u.test(char)) line.push(char);
		}
	}
	push();
	const kept = lines.map((l) => l.trim()).filter(Boolean);
	if (kept.length <= rows) return kept;
	const last = Array.from(kept[rows - 1]!);
	return [
		...kept.slice(0, rows - 1),
		`${last
			.slice(0, width - 1)
			.join('')
			.trimEnd()}…`
	];
}

function svgOf(card: PreviewCard) {
	const tone = TONES[card.tone];
	const font = `font-family="DejaVu Sans"`;
	const label = drawable(card.label);
	const title = wrap(drawable(card.title), 26, 3);
	const lines = card.lines.map(drawable).filter(Boolean);
	const titleTop = 250;
	const labelWidth = Array.from(label).length * 19 + 56;
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}" viewBox="0 0 ${IMAGE_WIDTH} ${IMAGE_HEIGHT}">
<rect width="${IMAGE_WIDTH}" height="${IMAGE_HEIGHT}" fill="#fbf8f3"/>
<rect width="24" height="${IMAGE_HEIGHT}" fill="#a8321b"/>
${
	label
		? `<rect x="80" y="64" rx="12" width="${labelWidth}" height="60" fill="${tone.background}"/>
<text x="108" y="105" ${font} font-weight="bold" font-size="30" fill="${tone.ink}">${escape(label)}</text>`
		: ''
}
${title
	.map(
		(line, i) =>
			`<text x="80" y="${titleTop + i * 76}" ${font} font-weight="bold" font-size="60" fill="#1f1d1a">${escape(line)}</text>`
	)
	.join('\n')}
${lines
	.slice(0, 2)
	.map(
		(line, i) =>
			`<text x="80" y="${480 + i * 52}" ${font} font-size="36" fill="#4a4640">${escape(wrap(line, 48, 1)[0] ?? '')}</text>`
	)
	.join('\n')}
<text x="${IMAGE_WIDTH - 80}" y="${IMAGE_HEIGHT - 40}" ${font} font-weight="bold" font-size="32" fill="#a8321b" text-anchor="end">${escape(card.siteName)}</text>
</svg>`;
}

const FONTS = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'];
// Bounded so a crawler walking every post cannot fill the memory: the oldest card leaves first.
const CACHE_SIZE = 500;
const cache = new Map<string, Buffer>();

/** The card as a PNG, from memory when the same card was drawn before. */
export async function previewPng(card: PreviewCard): Promise<Buffer> {
	const key = JSON.stringify(card);
	const cached = cache.get(key);
	if (cached) return cached;
	// resvg (a native library) loads with the first card drawn rather than with every start of the app.
	const { Resvg } = await import('@resvg/resvg-js');
	const png = new Resvg(svgOf(card), {
		font: {
			fontFiles: FONTS.map((file) => projectPath('assets', 'fonts', file)),
			defaultFontFamily: 'DejaVu Sans',
			loadSystemFonts: false
		},
		fitTo: { mode: 'width', value: PNG_SIZE.width }
	})
		.render()
		.asPng();
	if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
	cache.set(key, png);
	return png;
}

/** A card as an image response, cached by browsers and chat apps' crawlers for an hour. */
export const pngResponse = (png: Buffer) =>
	new Response(new Uint8Array(png), {
		headers: { 'content-type': 'image/png', 'cache-control': 'public, max-age=3600' }
	});
