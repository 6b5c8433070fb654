import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { bundledCatalogFiles, serializeCatalogAsset } from '../../src/core';
import { isPackedCatalogAsset, readPackedCatalogAsset, unpackCatalogAsset } from '../../src/core/catalog/packedAsset';
import { CATALOG_ASSET } from '../../src/vscode/constants';

// The VSIX ships the catalog Zstandard-compressed (scripts/packCatalog.mjs packs it, packedAsset.ts
// reads it): what the extension loads must be the source catalog, whole.

const ROOT = join(__dirname, '../..');
const PACKED = join(ROOT, ...CATALOG_ASSET);

/** The source catalog files as the asset carries them (serializeCatalogAsset keeps these fields). */
const source = bundledCatalogFiles.map(f => ({ version: f.version, entries: f.entries, ...(f.profiles?.length ? { profiles: f.profiles } : {}) }));

/** Packs `text` with scripts/packCatalog.mjs in a child process (the script is an ES module of the build). */
function pack(text: string): Uint8Array {
	const script = 'import { packCatalogAsset } from "./scripts/packCatalog.mjs"; import { readFileSync } from "node:fs"; process.stdout.write(Buffer.from(await packCatalogAsset(readFileSync(0, "utf8"))).toString("base64"));';
	const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
	return new Uint8Array(Buffer.from(out, 'base64'));
}

suite('Packed catalog asset (dist/catalog.json.zst)', () => {
	let packed: Uint8Array;
	suiteSetup(function () {
		this.timeout(60_000);
		packed = pack(serializeCatalogAsset(bundledCatalogFiles));
	});

	test('packing the source catalog and loading it gives back the source catalog, every file and field', () => {
		assert.ok(isPackedCatalogAsset(packed));
		assert.ok(source.some(f => f.profiles?.length), 'the source has vendor profiles to compare');
		assert.deepEqual(readPackedCatalogAsset(packed), source);
	});

	test('the packed asset is the JSON asset compressed: much smaller than the VSIX zip would make it', () => {
		const json = Buffer.from(serializeCatalogAsset(bundledCatalogFiles));
		assert.equal(unpackCatalogAsset(packed), json.toString('utf8'));
		const deflated = deflateRawSync(json, { level: 9 }).length;
		assert.ok(packed.length < deflated * 0.85, `packed ${packed.length} B, deflated ${deflated} B`);
	});

	test('the built asset the VSIX ships is current and loads the source catalog', () => {
		assert.ok(existsSync(PACKED), `${CATALOG_ASSET.join('/')} is missing: run npm run build first`);
		const built = new Uint8Array(readFileSync(PACKED));
		// Compared as a whole, not printed: a stale asset differs in a megabyte of JSON.
		assert.ok(unpackCatalogAsset(built) === serializeCatalogAsset(bundledCatalogFiles), `${CATALOG_ASSET.join('/')} is stale: run npm run build`);
		assert.deepEqual(readPackedCatalogAsset(built), source);
	});

	test('a damaged packed asset gives a message that says what is wrong', () => {
		const json = new TextEncoder().encode(serializeCatalogAsset(bundledCatalogFiles));
		const cases: [Uint8Array, RegExp][] = [
			[new Uint8Array(), /not a Zstandard-compressed catalog/],
			[json, /not a Zstandard-compressed catalog/],
			[packed.slice(0, 3), /not a Zstandard-compressed catalog/],
			[packed.slice(0, packed.length >> 1), /compressed catalog cannot be read/],
			[pack('{"format":"token-error-help-catalog"'), /not valid JSON/],
			[pack('{"format":"another","version":1,"files":[]}'), /not a Token Error Help catalog/],
		];
		for (const [bytes, message] of cases) assert.throws(() => readPackedCatalogAsset(bytes), message, `${bytes.length} bytes`);
	});
});
