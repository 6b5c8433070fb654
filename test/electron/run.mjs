// `npm run test:electron`: the same integration suite under @vscode/test-electron, for machines
// that can download VS Code (it cannot run offline; the real-VS-Code harness covers that case).
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(import.meta.dirname, '..', '..');
try {
	await runTests({
		extensionDevelopmentPath: root,
		extensionTestsPath: join(root, 'test', 'electron', 'index.cjs'),
		launchArgs: [join(root, 'test', 'fixtures', 'workspace'), '--disable-extensions', '--disable-workspace-trust'],
	});
} catch (error) {
	console.error(`The integration suite failed under @vscode/test-electron: ${error instanceof Error ? error.message : error}`);
	process.exit(1);
}
