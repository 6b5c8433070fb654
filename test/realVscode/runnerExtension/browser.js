// Test-only extension, web entry: runs a mocha suite (TDD UI) inside the browser's web-worker
// extension host. There is no process, fs or require() there (only require('vscode')), so:
//   - scripts/realVscode/runIntegration.mjs --web writes web-run.json into this extension's
//     installed folder: { tests, mocha, results, timeout } as absolute paths on the server;
//   - mocha's browser build (mocha/mocha.js) and the test bundle (built for the browser by
//     scripts/buildIntegrationTests.mjs) are read through vscode.workspace.fs, from the
//     workspace's file system (code-server's machine), and evaluated here;
//   - the results are written back the same way, through a temporary file and a rename.
// Without web-run.json (any other run) it does nothing. Errors end up in the results file.
'use strict';
const vscode = require('vscode');

/** @param {import('vscode').ExtensionContext} context */
async function activate(context) {
	const config = await readConfig(context.extensionUri);
	if (!config) return;
	const results = onServer(config.results);
	if (await exists(results)) return; // the window was reloaded after a run: do not run twice
	try {
		await writeResults(results, await runSuite(config));
	} catch (error) {
		await writeResults(results, { passes: [], failures: [{ title: '(test runner)', error: describe(error) }], pending: [], total: 0, error: describe(error) });
	}
}

/**
 * @param {import('vscode').Uri} extensionUri
 * @returns {Promise<{ tests: string, mocha: string, results: string, timeout?: number } | undefined>}
 */
async function readConfig(extensionUri) {
	let bytes;
	try {
		bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'web-run.json'));
	} catch {
		return undefined;
	}
	return JSON.parse(new TextDecoder().decode(bytes));
}

/**
 * A path on the server as a URI of the workspace's file system (vscode-remote: in code-server).
 * @param {string} path
 */
function onServer(path) {
	const folder = vscode.workspace.workspaceFolders?.[0];
	if (!folder) throw new Error('the web test run needs an open workspace folder');
	return folder.uri.with({ path, query: '', fragment: '' });
}

/** @param {import('vscode').Uri} uri */
async function exists(uri) {
	try {
		await vscode.workspace.fs.stat(uri);
		return true;
	} catch {
		return false;
	}
}

/** @param {string} path */
async function readText(path) {
	return new TextDecoder().decode(await vscode.workspace.fs.readFile(onServer(path)));
}

/**
 * Loads mocha's browser build (it sets globalThis.mocha) and the test bundle, a CommonJS
 * module whose only import is 'vscode', then runs the suite.
 * @param {{ tests: string, mocha: string, timeout?: number }} config
 */
async function runSuite(config) {
	const started = Date.now();
	new Function(`${await readText(config.mocha)}\n//# sourceURL=mocha.js`).call(globalThis);
	const mocha = /** @type {any} */ (globalThis).mocha;
	if (!mocha) throw new Error(`${config.mocha} did not define mocha`);
	mocha.setup({ ui: 'tdd', timeout: config.timeout || 20000, reporter: function Silent() {} });
	const bundle = { exports: {} };
	const requireInWorker = (/** @type {string} */ name) => {
		if (name === 'vscode') return vscode;
		throw new Error(`the web test bundle cannot load ${name}: only 'vscode' is external`);
	};
	new Function('require', 'module', 'exports', `${await readText(config.tests)}\n//# sourceURL=web-tests.js`)(requireInWorker, bundle, bundle.exports);

	const results = { passes: [], failures: [], pending: [], total: 0, files: [config.tests] };
	await new Promise((resolve) => {
		const runner = mocha.run(() => resolve(undefined));
		runner.on('pass', (test) => results.passes.push({ title: test.fullTitle(), durationMs: test.duration }));
		runner.on('fail', (test, error) => results.failures.push({ title: test.fullTitle(), error: describe(error) }));
		runner.on('pending', (test) => results.pending.push({ title: test.fullTitle() }));
	});
	results.total = results.passes.length + results.failures.length + results.pending.length;
	results.durationMs = Date.now() - started;
	results.extensions = vscode.extensions.all
		.filter((ext) => !ext.packageJSON.isBuiltin && !ext.id.startsWith('vscode.'))
		.map((ext) => ({ id: ext.id, version: ext.packageJSON.version, isActive: ext.isActive, extensionKind: ext.extensionKind }));
	await Promise.race([
		vscode.commands.executeCommand('workbench.action.showRuntimeExtensions').then(undefined, () => undefined),
		new Promise((resolve) => setTimeout(resolve, 5000)),
	]);
	return results;
}

/** @param {unknown} error */
function describe(error) {
	if (error instanceof Error) return { message: error.message, stack: error.stack };
	return { message: String(error) };
}

/**
 * @param {import('vscode').Uri} uri
 * @param {object} results
 */
async function writeResults(uri, results) {
	const temp = uri.with({ path: `${uri.path}.web.tmp` });
	await vscode.workspace.fs.writeFile(temp, new TextEncoder().encode(JSON.stringify(results, null, '\t')));
	await vscode.workspace.fs.rename(temp, uri, { overwrite: true });
}

function deactivate() {}

module.exports = { activate, deactivate };
