// Installs the npm dependencies when node_modules is missing or older than package-lock.json,
// so that `npm start` and `npm test` work on a fresh clone without a separate install step.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const marker = 'node_modules/.package-lock.json';
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
	console.error(`Token Error Help needs Node.js 20 or newer (found ${process.versions.node}).`);
	process.exit(2);
}
const stale = !existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs
	|| !existsSync('node_modules/jsonc-parser/package.json');
if (stale) {
	console.error('Installing npm dependencies (npm ci)…');
	try {
		execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
	} catch {
		console.error('npm ci failed: check the network access to the npm registry and try again.');
		process.exit(2);
	}
}
