// Bundles the extension (Node and web entries) and the CLI with esbuild, and copies the catalog schema.
// Usage: node scripts/build.mjs [--dev]   (--dev: no minification, with source maps)
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import * as esbuild from 'esbuild';

const dev = process.argv.includes('--dev');
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

mkdirSync('dist', { recursive: true });
await Promise.all([
	// One bundle serves desktop (main) and VS Code for the Web (browser): nothing in it needs Node.
	esbuild.build({ ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'] }),
	esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' } }),
]);
copyFileSync('src/core/catalog/catalog.schema.json', 'dist/catalog.schema.json');
console.log(`Built dist/extension.js, dist/cli.js (${dev ? 'dev' : 'minified'}).`);
