// Compiles the integration tests for the real extension host: test/integration/*.test.ts into
// out/integration/*.test.js, and the untrusted-workspace suite, test/integration/untrusted/*.test.ts,
// into out/integration-untrusted (a separate run: see npm run test:integration:untrusted).
import { readdirSync, rmSync } from 'node:fs';
import * as esbuild from 'esbuild';

const suites = [
	{ dir: 'test/integration', outdir: 'out/integration' },
	{ dir: 'test/integration/untrusted', outdir: 'out/integration-untrusted' },
];
for (const { dir, outdir } of suites) {
	const entryPoints = readdirSync(dir).filter(f => f.endsWith('.test.ts')).map(f => `${dir}/${f}`);
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
