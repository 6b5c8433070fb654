// Compiles the integration tests for the real extension host: test/integration/*.test.ts into
// out/integration/*.test.js, and the untrusted-workspace suite, test/integration/untrusted/*.test.ts,
// into out/integration-untrusted (a separate run: see npm run test:integration:untrusted).
// For the browser's web-worker extension host (npm run test:integration:web) it also bundles
// test/integration/web/*.test.ts and every test/integration/*.test.ts that imports no Node module
// into one browser script, out/integration-web/web-tests.js, which the test runner extension's
// web entry evaluates beside mocha's browser build. There node:assert/strict is the npm `assert`
// package and `process` a module-local stand-in (test/integration/web/processShim.mjs).
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const suites = [
	{ dir: 'test/integration', outdir: 'out/integration' },
	{ dir: 'test/integration/untrusted', outdir: 'out/integration-untrusted' },
];
const testFiles = (dir) => readdirSync(dir).filter(f => f.endsWith('.test.ts')).sort().map(f => `${dir}/${f}`);

for (const { dir, outdir } of suites) {
	const entryPoints = testFiles(dir);
	rmSync(outdir, { recursive: true, force: true });
	await esbuild.build({
		entryPoints,
		outdir,
		bundle: true,
		platform: 'node',
		format: 'cjs',
		target: 'node20',
		external: ['vscode', 'mocha'],
		sourcemap: 'inline',
		logLevel: 'warning',
	});
	console.log(`Compiled ${entryPoints.length} integration test files to ${outdir}.`);
}

// A test that imports a Node module (other than node:assert/strict) reads the disk (e.g. VS Code's
// log files): it cannot run in a web worker and stays in the Node host's suite only.
const usesNode = (file) => [...readFileSync(file, 'utf8').matchAll(/\bfrom\s*['"](node:[^'"]+)['"]/g)].some(([, spec]) => spec !== 'node:assert/strict');
const shared = testFiles('test/integration');
const web = [...shared.filter(f => !usesNode(f)), ...testFiles('test/integration/web')];
const outfile = 'out/integration-web/web-tests.js';
rmSync('out/integration-web', { recursive: true, force: true });
await esbuild.build({
	stdin: { contents: web.map(f => `import './${f}';`).join('\n'), resolveDir: '.', sourcefile: 'web-tests.ts', loader: 'ts' },
	outfile,
	bundle: true,
	platform: 'browser',
	format: 'cjs',
	target: 'es2022',
	external: ['vscode'],
	alias: { 'node:assert/strict': './test/integration/web/assertStrict.cjs' },
	inject: ['test/integration/web/processShim.mjs'],
	sourcemap: 'inline',
	logLevel: 'warning',
});
console.log(`Bundled ${web.length} integration test files for the web-worker host to ${outfile} (Node-only, left out: ${shared.filter(usesNode).map(f => f.split('/').pop()).join(', ') || 'none'}).`);
