// Makes the PNGs the VSIX ships (images/*.png) smaller without changing a pixel: each image is
// also re-encoded losslessly (upng-js picks the colour type and row filters), the image data of
// each version is recompressed with Zopfli (a slower, tighter deflate), and the smallest version
// whose decoded pixels equal the original's is kept. images/optimized.json records the SHA-256 of
// every optimised file, so a file already done is skipped (npm run package runs this each time).
// Usage: node scripts/optimizeImages.mjs [--check]   (--check: fail when an image is not recorded)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateSync } from 'node:zlib';
import { zlibAsync } from '@gfx/zopfli';
import UPNG from 'upng-js';
import { REPO_ROOT } from './realVscode/paths.mjs';

const IMAGES = join(REPO_ROOT, 'images');
const STAMP = join(IMAGES, 'optimized.json');
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** @param {Uint8Array} bytes */
export const sha256 = bytes => createHash('sha256').update(bytes).digest('hex');

/**
 * The chunks of a PNG file, in order.
 * @param {Buffer} png
 * @returns {{ type: string, data: Buffer }[]}
 */
function chunks(png) {
	if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file');
	const out = [];
	for (let at = 8; at + 12 <= png.length;) {
		const length = png.readUInt32BE(at);
		out.push({ type: png.toString('latin1', at + 4, at + 8), data: png.subarray(at + 8, at + 8 + length) });
		at += 12 + length;
	}
	return out;
}

/** @param {{ type: string, data: Buffer }[]} list */
function assemble(list) {
	const parts = [SIGNATURE];
	for (const { type, data } of list) {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(data.length, 0);
		head.write(type, 4, 'latin1');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(data, crc32(Buffer.from(type, 'latin1'))), 0);
		parts.push(head, data, crc);
	}
	return Buffer.concat(parts);
}

/**
 * The same PNG with its image data (all IDAT chunks) deflated again by Zopfli into one IDAT.
 * @param {Buffer} png
 */
async function recompress(png) {
	const list = chunks(png);
	const first = list.findIndex(c => c.type === 'IDAT');
	const raw = inflateSync(Buffer.concat(list.filter(c => c.type === 'IDAT').map(c => c.data)));
	const idat = Buffer.from(await zlibAsync(raw, { numiterations: 5 }));
	return assemble([...list.slice(0, first), { type: 'IDAT', data: idat }, ...list.slice(first).filter(c => c.type !== 'IDAT')]);
}

/** @param {Buffer} png  @returns {{ width: number, height: number, rgba: Buffer }} */
function pixels(png) {
	const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength));
	return { width: image.width, height: image.height, rgba: Buffer.from(UPNG.toRGBA8(image)[0]) };
}

/**
 * The smallest lossless version of a PNG (the original when nothing is smaller).
 * @param {Buffer} png
 * @returns {Promise<Buffer>}
 */
export async function optimizePng(png) {
	const original = pixels(png);
	const reencoded = Buffer.from(UPNG.encode([original.rgba.buffer.slice(original.rgba.byteOffset, original.rgba.byteOffset + original.rgba.byteLength)], original.width, original.height, 0));
	let best = png;
	for (const candidate of [png, reencoded]) {
		for (const version of [candidate, await recompress(candidate)]) {
			if (version.length >= best.length) continue;
			const p = pixels(version);
			if (p.width === original.width && p.height === original.height && p.rgba.equals(original.rgba)) best = version;
		}
	}
	return best;
}

if (process.argv[1] && join(process.argv[1]) === join(REPO_ROOT, 'scripts', 'optimizeImages.mjs')) {
	const check = process.argv.includes('--check');
	/** @type {Record<string, string>} */
	const stamp = JSON.parse(readFileSync(STAMP, 'utf8'));
	const pngs = readdirSync(IMAGES).filter(f => f.endsWith('.png')).sort();
	const pending = pngs.filter(f => stamp[f] !== sha256(readFileSync(join(IMAGES, f))));
	if (check && pending.length) {
		console.error(`Not optimised: ${pending.join(', ')} (run node scripts/optimizeImages.mjs)`);
		process.exit(1);
	}
	for (const file of pending) {
		const before = readFileSync(join(IMAGES, file));
		const after = await optimizePng(before);
		if (after !== before) writeFileSync(join(IMAGES, file), after);
		stamp[file] = sha256(after);
		console.log(`images/${file}: ${before.length} B -> ${after.length} B`);
	}
	const recorded = Object.fromEntries(pngs.map(f => [f, stamp[f]]));
	if (JSON.stringify(recorded) !== JSON.stringify(stamp) || pending.length) writeFileSync(STAMP, `${JSON.stringify(recorded, null, '\t')}\n`);
}
