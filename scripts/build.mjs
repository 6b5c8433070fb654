// Bundles the extension, the CLI, the language server and the MCP server with esbuild, writes the catalog asset the extension reads
// on first need (dist/catalog.json) and copies the catalog schema.
// Usage: node scripts/build.mjs [--dev] [--analyze]
//   --dev      no minification, with source maps
//   --analyze  also print what takes the room in the extension bundle (esbuild's metafile analysis)
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { catalogIndex } from './catalogIndex.mjs';

// The catalog index lists every data/<id>.json and profiles/<id>.json: a new provider needs no code change.
if (readFileSync('src/core/catalog/bundled.ts', 'utf8') !== catalogIndex()) writeFileSync('src/core/catalog/bundled.ts', catalogIndex());

const dev = process.argv.includes('--dev');
const analyze = process.argv.includes('--analyze');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));
const common = {
	bundle: true,
	minify: !dev,
	sourcemap: dev,
	legalComments: 'none',
	logLevel: 'warning',
	// jsonc-parser's UMD build breaks when bundled (dynamic require of './impl/format'): prefer its ES module build.
	mainFields: ['module', 'main'],
	define: { __VERSION__: JSON.stringify(version) },
};

/**
 * The catalog asset's text: the bundled catalog files in their order (src/core/catalog/bundled.ts),
 * serialised by the core's own serializeCatalogAsset, so the build and the reader share one format.
 */
async function catalogAsset() {
	const { outputFiles } = await esbuild.build({
		stdin: {
			contents: "export { bundledCatalogFiles } from './src/core/catalog/bundled';\nexport { serializeCatalogAsset } from './src/core/catalog/asset';\n",
			resolveDir: '.', loader: 'ts', sourcefile: 'catalog-asset.ts',
		},
		bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning',
	});
	const { bundledCatalogFiles, serializeCatalogAsset } = await import(`data:text/javascript;base64,${Buffer.from(outputFiles[0].text).toString('base64')}`);
	return serializeCatalogAsset(bundledCatalogFiles);
}

/**
 * The language server speaks over standard input and output only. Its protocol library also
 * offers sockets, pipes and child processes (transports and module resolution we never use):
 * `net` and `child_process` are replaced by a module that throws, so the bundle cannot reach them.
 */
const stdioOnly = {
	name: 'stdio-only',
	setup(build) {
		build.onResolve({ filter: /^(node:)?(net|child_process)$/ }, args => ({ path: args.path, namespace: 'stdio-only' }));
		build.onLoad({ filter: /^/, namespace: 'stdio-only' }, args => ({
			loader: 'js',
			contents: `const message = ${JSON.stringify(`The token-error-help language server speaks over standard input and output only; "${args.path}" is not part of it.`)};
module.exports = new Proxy({}, { get: (_target, name) => typeof name === 'string' && name !== '__esModule' ? () => { throw new Error(message); } : undefined });`,
		}));
	},
};

/**
 * The CLI loads the MCP server only for `token-error-help mcp`: its import of src/mcp/main.ts
 * becomes a require of dist/mcp.js, the server's own bundle, so `explain` never parses the SDK.
 */
const mcpOnDemand = {
	name: 'mcp-on-demand',
	setup(build) {
		build.onResolve({ filter: /^\.\.\/mcp\/main$/ }, () => ({ path: './mcp.js', external: true }));
	},
};

/**
 * JSON data bundled into code (the catalog schema the validator walks, the secret shapes) without its
 * documentation: `description`, `$comment`, `markdownDescription` and `examples` strings are for readers of
 * the files, and the code never reads them. The files themselves stay whole (dist/catalog.schema.json too).
 */
const DOC_KEYS = new Set(['description', 'markdownDescription', '$comment', 'examples']);
const withoutDocs = {
	name: 'json-without-docs',
	setup(build) {
		build.onLoad({ filter: /[\\/]src[\\/]core[\\/].*\.json$/ }, args => {
			const strip = value => Array.isArray(value) ? value.map(strip)
				: value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k, v]) => !(DOC_KEYS.has(k) && (typeof v === 'string' || (k === 'examples' && Array.isArray(v))))).map(([k, v]) => [k, strip(v)]))
				: value;
			return { loader: 'json', contents: JSON.stringify(strip(JSON.parse(readFileSync(args.path, 'utf8')))) };
		});
	},
};

mkdirSync('dist', { recursive: true });
const [extension] = await Promise.all([
	// One bundle serves desktop (main) and VS Code for the Web (browser): nothing in it needs Node.
	// It imports src/core/engine.ts, never the catalog data: that is dist/catalog.json.
	esbuild.build({
		...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'browser', format: 'cjs', target: 'es2022',
		external: ['vscode'], metafile: analyze, plugins: [withoutDocs],
	}),
	// The CLI keeps the catalog inlined (src/core/index.ts): one file to run. `lsp` loads dist/lsp.js, `mcp` dist/mcp.js.
	esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, external: ['./lsp.js'], plugins: [mcpOnDemand] }),
	// The language server (`token-error-help lsp --stdio`), with vscode-languageserver; never part of the extension.
	esbuild.build({ ...common, entryPoints: ['src/lsp/server.ts'], outfile: 'dist/lsp.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [stdioOnly] }),
	// The MCP server (the SDK and zod with it), required by dist/cli.js on `mcp` only.
	esbuild.build({ ...common, entryPoints: ['src/mcp/main.ts'], outfile: 'dist/mcp.js', platform: 'node', format: 'cjs', target: 'node20' }),
	catalogAsset().then(text => writeFileSync('dist/catalog.json', text)),
]);
copyFileSync('src/core/catalog/catalog.schema.json', 'dist/catalog.schema.json');
if (analyze) console.log(await esbuild.analyzeMetafile(extension.metafile));
console.log(`Built dist/extension.js, dist/catalog.json, dist/cli.js, dist/lsp.js, dist/mcp.js (${dev ? 'dev' : 'minified'}).`);
