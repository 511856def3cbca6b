// Draws the app's icons (static/icons/*.png) from the favicon's two circles, once: run it again only
// when the mark changes (npm run icons). The maskable one fills its square with the paper colour and
// keeps the mark inside the central 80% that every platform's mask leaves visible.
import { writeFileSync, mkdirSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';

const PAPER = '#fbf8f3';

/** The mark on a square; `scale` is the share of the side the two circles span. */
function svg(scale: number, rounded: boolean) {
	const side = 32;
	const inset = (side * (1 - scale)) / 2;
	const corner = rounded ? 6 : 0;
	return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${side} ${side}">
<rect width="${side}" height="${side}" rx="${corner}" fill="${PAPER}"/>
<g transform="translate(${inset} ${inset}) scale(${scale})">
<circle cx="12" cy="16" r="9" fill="#b3361d"/><circle cx="20" cy="16" r="9" fill="#1d5fb3" fill-opacity=".8"/>
</g></svg>`;
}

const icons = [
	{ file: 'icon-192.png', size: 192, scale: 0.9, rounded: true },
	{ file: 'icon-512.png', size: 512, scale: 0.9, rounded: true },
	{ file: 'maskable-512.png', size: 512, scale: 0.7, rounded: false },
	{ file: 'apple-touch-icon.png', size: 180, scale: 0.8, rounded: false }
];

mkdirSync('static/icons', { recursive: true });
for (const { file, size, scale, rounded } of icons) {
	const png = new Resvg(svg(scale, rounded), { fitTo: { mode: 'width', value: size } }).render().asPng();
	writeFileSync(`static/icons/${file}`, png);
	console.log(`static/icons/${file}: ${size}×${size}, ${png.length} bytes`);
}
