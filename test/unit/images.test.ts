import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

// The PNGs the VSIX ships are optimised losslessly by scripts/optimizeImages.mjs (npm run package
// runs it); images/optimized.json records each optimised file.

const ROOT = join(__dirname, '../..');

/** A PNG file from its chunks. */
function png(chunks: [string, Buffer][]): Buffer {
	const parts: Buffer[] = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
	for (const [type, data] of chunks) {
		const head = Buffer.alloc(8);
		head.writeUInt32BE(data.length, 0);
		head.write(type, 4, 'latin1');
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(data, crc32(Buffer.from(type, 'latin1'))), 0);
		parts.push(head, data, crc);
	}
	return Buffer.concat(parts);
}

/** Runs optimizePng and decodes both images with upng-js, in a child process (the script is an ES module). */
function optimize(input: Buffer): { output: Buffer; same: boolean } {
	const script = `import { optimizePng } from "./scripts/optimizeImages.mjs"; import UPNG from "upng-js"; import { readFileSync } from "node:fs";
const input = readFileSync(0); const output = await optimizePng(input);
const rgba = b => Buffer.from(UPNG.toRGBA8(UPNG.decode(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)))[0]);
process.stdout.write(JSON.stringify({ output: output.toString("base64"), same: rgba(input).equals(rgba(output)) }));`;
	const out = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input, encoding: 'utf8' })) as { output: string; same: boolean };
	return { output: Buffer.from(out.output, 'base64'), same: out.same };
}

suite('VSIX images', () => {
	test('every PNG the VSIX ships is recorded as optimised (run node scripts/optimizeImages.mjs)', () => {
		const shipped = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map(l => l.trim()).filter(l => /^!images\/[^*]+\.png$/.test(l)).map(l => l.slice('!images/'.length));
		assert.ok(shipped.length >= 3, 'the icon and the README screenshots are shipped');
		const stamp = JSON.parse(readFileSync(join(ROOT, 'images', 'optimized.json'), 'utf8')) as Record<string, string>;
		for (const file of shipped) {
			assert.equal(createHash('sha256').update(readFileSync(join(ROOT, 'images', file))).digest('hex'), stamp[file], `images/${file} changed since it was optimised`);
		}
	});

	test('optimising keeps every pixel and shrinks a loosely compressed PNG', function () {
		this.timeout(60_000);
		// 64×64 RGB, a gradient with a stripe, stored without compression (deflate level 0).
		const width = 64;
		const rows: number[] = [];
		for (let y = 0; y < width; y++) {
			rows.push(0);
			for (let x = 0; x < width; x++) rows.push(x * 4, y * 4, x === y ? 255 : 0);
		}
		const header = Buffer.alloc(13);
		header.writeUInt32BE(width, 0);
		header.writeUInt32BE(width, 4);
		header.set([8, 2, 0, 0, 0], 8);
		const input = png([['IHDR', header], ['IDAT', deflateSync(Buffer.from(rows), { level: 0 })], ['IEND', Buffer.alloc(0)]]);
		const { output, same } = optimize(input);
		assert.ok(same, 'the optimised image has other pixels');
		assert.ok(output.length < input.length / 2, `${input.length} B -> ${output.length} B`);
		// Already optimal: nothing smaller is found, the bytes stay.
		assert.deepEqual(optimize(output).output, output);
	});
});
