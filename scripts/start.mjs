// `npm start`: builds and packages the extension, installs it into the project's local
// code-server (the real VS Code, installed on first use), opens examples/ and prints the URL.
// Stops on Ctrl+C. Settings and state persist in the harness cache (CACHE_DIR/demo) between runs.
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CACHE_DIR, REPO_ROOT } from './realVscode/paths.mjs';
import { installVsix, startCodeServer } from './realVscode/server.mjs';
import { ensureRealVscode } from './realVscode/setup.mjs';

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
const vsix = join(REPO_ROOT, `token-error-help-${version}.vsix`);
const demo = join(CACHE_DIR, 'demo');

await ensureRealVscode();
console.log('Building and packaging the extension…');
execSync('npm run --silent package', { cwd: REPO_ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
mkdirSync(demo, { recursive: true });
await installVsix(vsix, join(demo, 'extensions'));
const server = await startCodeServer({
	extensionsDir: join(demo, 'extensions'),
	userDataDir: join(demo, 'user'),
	folder: join(REPO_ROOT, 'examples'),
	settings: { 'workbench.editor.empty.hint': 'hidden' },
});
console.log(`\nVS Code with Token Error Help is running on the examples:\n\n  ${server.url}/?folder=${encodeURIComponent(join(REPO_ROOT, 'examples'))}\n`);
console.log('Open an example, hover an error code, or run "Token Error Help: Explain Response". Press Ctrl+C to stop.');
const stop = async () => {
	await server.stop();
	process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
setInterval(() => {
	if (!server.running()) {
		console.error('code-server stopped unexpectedly; see its log:', server.logFile);
		process.exit(1);
	}
}, 2000);
