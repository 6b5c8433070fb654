// Small, sharp PNGs of UI screenshots for the README (they ship in the VSIX). A workbench
// screenshot holds a thousand or so distinct colours, mostly text anti-aliasing; mapped onto a
// palette of 128 of them it becomes an 8-bit indexed PNG about half the size of a quality-60 JPEG,
// with crisp text and no JPEG ringing. Chromium decodes the screenshot; Node's zlib compresses.
import { crc32, deflateSync } from 'node:zlib';

/* global document, Image -- the callback of page.evaluate runs in the page */

/**
 * Re-encodes a 24/32-bit PNG (a Playwright screenshot) as an indexed PNG.
 * @param {import('playwright-core').BrowserContext} context  any browser context (a blank page is opened and closed)
 * @param {Buffer} png
 * @param {number} [colors]  palette size, at most 256
 * @returns {Promise<Buffer>}
 */
export async function indexedPng(context, png, colors = 128) {
	const page = await context.newPage();
	try {
		const { width, height, palette, indices } = await page.evaluate(quantize, { src: `data:image/png;base64,${png.toString('base64')}`, colors });
		return encodeIndexedPng(width, height, palette, Buffer.from(indices, 'base64'));
	} finally {
		await page.close();
	}
}

/**
 * Runs in the page: decodes the image with a canvas and picks the palette greedily, each new colour
 * being the one worst served so far (pixel count × distance to its nearest palette colour), so
 * rare but distinct colours (a red squiggle, an icon) keep their hue. Alpha is dropped.
 * @param {{ src: string, colors: number }} args
 */
async function quantize({ src, colors }) {
	const image = new Image();
	image.src = src;
	await image.decode();
	const canvas = document.createElement('canvas');
	canvas.width = image.width;
	canvas.height = image.height;
	const context = canvas.getContext('2d');
	context.drawImage(image, 0, 0);
	const px = context.getImageData(0, 0, canvas.width, canvas.height).data;
	const key = (i) => (px[i] << 16) | (px[i + 1] << 8) | px[i + 2];
	const counts = new Map();
	for (let i = 0; i < px.length; i += 4) counts.set(key(i), (counts.get(key(i)) ?? 0) + 1);
	const distinct = [...counts].map(([k, n]) => ({ rgb: [k >> 16, (k >> 8) & 255, k & 255], n, nearest: Infinity, slot: 0 }));
	// Weighted towards green, to which the eye is most sensitive.
	const distance = (a, b) => 2 * (a[0] - b[0]) ** 2 + 4 * (a[1] - b[1]) ** 2 + 3 * (a[2] - b[2]) ** 2;
	const palette = [];
	while (palette.length < Math.min(colors, distinct.length)) {
		let pick = distinct[0];
		let worst = -1;
		for (const c of distinct) {
			const score = palette.length ? Math.sqrt(c.n) * c.nearest : c.n;
			if (score > worst) [worst, pick] = [score, c];
		}
		palette.push(pick.rgb);
		for (const c of distinct) {
			const d = distance(c.rgb, pick.rgb);
			if (d < c.nearest) [c.nearest, c.slot] = [d, palette.length - 1];
		}
	}
	const slotOf = new Map(distinct.map((c) => [(c.rgb[0] << 16) | (c.rgb[1] << 8) | c.rgb[2], c.slot]));
	let binary = '';
	for (let i = 0; i < px.length; i += 4) binary += String.fromCharCode(slotOf.get(key(i)));
	return { width: canvas.width, height: canvas.height, palette, indices: btoa(binary) };
}

/**
 * An 8-bit indexed PNG (colour type 3), rows unfiltered (the best choice for palette images).
 * @param {number} width
 * @param {number} height
 * @param {number[][]} palette  [r, g, b] triples
 * @param {Buffer} indices  width × height palette indices, row by row
 */
export function encodeIndexedPng(width, height, palette, indices) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header.set([8, 3, 0, 0, 0], 8); // bit depth 8, indexed colour, deflate, no filter method, no interlace
	const rows = Buffer.alloc((width + 1) * height); // each row: filter type 0, then its indices
	for (let y = 0; y < height; y++) indices.copy(rows, y * (width + 1) + 1, y * width, (y + 1) * width);
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('PLTE', Buffer.from(palette.flat())),
		chunk('IDAT', deflateSync(rows, { level: 9 })),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

/**
 * @param {string} type
 * @param {Buffer} data
 */
function chunk(type, data) {
	const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
	const out = Buffer.alloc(body.length + 8);
	out.writeUInt32BE(data.length, 0);
	body.copy(out, 4);
	out.writeUInt32BE(crc32(body), body.length + 4);
	return out;
}
