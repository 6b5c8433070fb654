import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { bundledCatalogFiles, parseCatalogAsset, readPackedCatalogAsset, serializeCatalogAsset } from '../../src/core';
import { CATALOG_ASSET } from '../../src/vscode/constants';

// The extension ships its catalog as a data asset beside the bundle, read on first need:
// the bundle stays small and loads fast. These checks read the build output (npm run build).

const ROOT = join(__dirname, '../..');
const BUNDLE = join(ROOT, 'dist', 'extension.js');
const ASSET = join(ROOT, ...CATALOG_ASSET);

function built(file: string): string {
	assert.ok(existsSync(file), `${relative(ROOT, file)} is missing: run npm run build first`);
	return readFileSync(file, 'utf8');
}

/** Every .ts file under `dir`, recursively. */
function tsFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap(e => e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

suite('Extension bundle and catalog asset', () => {
	test('the extension bundle does not embed the catalog', () => {
		const bundle = built(BUNDLE);
		assert.ok(!bundle.includes('AADSTS7000215'), 'an Entra code from the catalog is in the bundle');
		// Summaries are long prose that no code quotes: any one found means data was inlined.
		const summaries = bundledCatalogFiles.flatMap(f => f.entries.map(e => e.summary)).filter(s => /^[\x20-\x7e]+$/.test(s) && !/['"`\\]/.test(s));
		assert.ok(summaries.length > 100);
		assert.deepEqual(summaries.filter(s => bundle.includes(s)), []);
	});

	test('the catalog asset holds every bundled entry, in order', () => {
		assert.ok(existsSync(ASSET), `${relative(ROOT, ASSET)} is missing: run npm run build first`);
		const files = readPackedCatalogAsset(readFileSync(ASSET));
		assert.deepEqual(files.flatMap(f => f.entries), bundledCatalogFiles.flatMap(f => f.entries));
	});

	test('a damaged asset gives a message that says what is wrong', () => {
		const good = serializeCatalogAsset(bundledCatalogFiles);
		const cases: [string, RegExp][] = [
			['', /not valid JSON/],
			[good.slice(0, good.length / 2), /not valid JSON/],
			['[]', /not a Token Error Help catalog/],
			['{"version":1,"files":[]}', /not a Token Error Help catalog/],
			['{"format":"token-error-help-catalog","version":2,"files":[]}', /version 2 is not supported/],
			['{"format":"token-error-help-catalog","version":1,"files":[]}', /no files/],
			['{"format":"token-error-help-catalog","version":1,"files":[{"version":1,"entries":[{"id":"x.y"}]}]}', /catalog file 0: entries\[0\] \(x\.y\)/],
		];
		for (const [text, message] of cases) assert.throws(() => parseCatalogAsset(text), message, text.slice(0, 60));
	});

	test('the VSIX allowlist ships the bundle and the asset', () => {
		const allowed = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map(l => l.trim());
		assert.ok(allowed.includes(`!${CATALOG_ASSET.join('/')}`), '.vscodeignore re-includes the catalog asset');
		const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
		for (const entry of [manifest.main, manifest.browser]) assert.ok(allowed.includes(`!${entry.replace(/^\.\//, '')}`), entry);
	});

	test('the MCP server is its own bundle: neither the extension nor the CLI carries the SDK', () => {
		const extension = built(BUNDLE);
		const cli = built(join(ROOT, 'dist', 'cli.js'));
		const mcp = built(join(ROOT, 'dist', 'mcp.js'));
		// Method names of the protocol, which only the SDK spells out.
		for (const marker of ['tools/call', 'notifications/initialized']) {
			assert.ok(mcp.includes(marker), `dist/mcp.js holds the SDK (${marker})`);
			assert.ok(!extension.includes(marker), `dist/extension.js holds ${marker}`);
			assert.ok(!cli.includes(marker), `dist/cli.js holds ${marker}: the MCP server should load on demand`);
		}
		assert.ok(cli.includes('import("./mcp.js")'), 'dist/cli.js loads dist/mcp.js for the mcp command');
	});

	test('the extension never imports the core entry that carries the catalog data, nor the MCP server', () => {
		const forbidden = [join(ROOT, 'src/core/index.ts'), join(ROOT, 'src/core/catalog/bundled.ts'), join(ROOT, 'src/core/catalog/data'), join(ROOT, 'src/mcp')];
		const files = [join(ROOT, 'src/extension.ts'), ...tsFiles(join(ROOT, 'src/vscode'))];
		const offending: string[] = [];
		for (const file of files) {
			for (const [, spec] of readFileSync(file, 'utf8').matchAll(/\bfrom\s*['"]([^'"]+)['"]/g)) {
				if (!spec.startsWith('.')) continue;
				const target = resolve(dirname(file), spec);
				const candidates = [target, `${target}.ts`, join(target, 'index.ts')].filter(existsSync);
				if (candidates.some(c => forbidden.some(f => c === f || c.startsWith(`${f}/`)))) offending.push(`${relative(ROOT, file)}: ${spec}`);
			}
		}
		assert.deepEqual(offending, []);
	});
});
