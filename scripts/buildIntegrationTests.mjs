// Compiles test/integration/*.test.ts into out/integration/*.test.js for the real extension host.
import { readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const dir = 'test/integration';
const entryPoints = readdirSync(dir).filter(f => f.endsWith('.test.ts')).map(f => `${dir}/${f}`);
rmSync('out/integration', { recursive: true, force: true });
await esbuild.build({
	entryPoints,
	outdir: 'out/integration',
	bundle: true,
	platform: 'node',
	format: 'cjs',
	target: 'node20',
	external: ['vscode', 'mocha'],
	sourcemap: 'inline',
	logLevel: 'warning',
});
console.log(`Compiled ${entryPoints.length} integration test files to out/integration.`);
