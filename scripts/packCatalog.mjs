// Packs the catalog asset the build wrote (dist/catalog.json) into the file the VSIX ships,
// dist/catalog.json.zst: the same JSON text, Zstandard-compressed (src/core/catalog/packedAsset.ts
// reads it). Run after scripts/build.mjs (npm run build does). The result is checked by unpacking
// it again with the extension's own decoder before it is written.
// Usage: node scripts/packCatalog.mjs [in.json [out.zst]]
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compress, init } from '@bokuweb/zstd-wasm';
import { decompress } from 'fzstd';

/** Zstandard level: 19 is the highest without --ultra memory use; 20-22 gain under 0.1 % here. */
const LEVEL = 19;

/**
 * The packed bytes of an asset's JSON text, verified to unpack to exactly that text.
 * @param {string} text
 * @returns {Promise<Uint8Array>}
 */
export async function packCatalogAsset(text) {
	await init();
	const json = new TextEncoder().encode(text);
	const packed = compress(json, LEVEL);
	const back = decompress(packed);
	if (back.length !== json.length || !back.every((b, i) => b === json[i])) throw new Error('the packed catalog does not unpack to the catalog');
	return packed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const [input = 'dist/catalog.json', output = 'dist/catalog.json.zst'] = process.argv.slice(2);
	const text = readFileSync(input, 'utf8');
	const packed = await packCatalogAsset(text);
	writeFileSync(output, packed);
	console.log(`Packed ${input} (${Buffer.byteLength(text)} B) into ${output} (${packed.length} B).`);
}
