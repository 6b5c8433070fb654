// Test-only extension: runs a mocha suite (TDD UI) inside the real extension host.
// code-server cannot take --extensionTestsPath, so scripts/realVscode/runIntegration.mjs
// installs this next to the extension under test and passes, through the server's environment:
//   TEH_TESTS   absolute path of a compiled test file, or of a folder searched for *.test.js
//   TEH_MOCHA   absolute path of the repo's node_modules/mocha
//   TEH_RESULTS absolute path of the JSON results file, written atomically when the run ends
//   TEH_MOCHA_TIMEOUT  optional per-test timeout in ms (default 20000)
//   TEH_SHOW_RUNNING_EXTENSIONS  optional: open the Running Extensions editor after the suite
// Errors never escape into the host: they end up in the results file.
'use strict';
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');
const vscode = require('vscode');

/** @param {import('vscode').ExtensionContext} context */
function activate(context) {
	const testsPath = process.env.TEH_TESTS;
	const resultsFile = process.env.TEH_RESULTS;
	if (!testsPath || !resultsFile) return;
	if (fs.existsSync(resultsFile)) return; // the window was reloaded after a run: do not run twice
	probeMarkdownFolders(context);
	runSuite(testsPath, resultsFile).catch((error) => {
		writeResults(resultsFile, { passes: [], failures: [{ title: '(test runner)', error: describe(error) }], pending: [], total: 0, error: describe(error) });
	});
}

/**
 * @param {string} testsPath
 * @param {string} resultsFile
 */
async function runSuite(testsPath, resultsFile) {
	const started = Date.now();
	const Mocha = await loadMocha(process.env.TEH_MOCHA);
	const mocha = new Mocha({ ui: 'tdd', color: false, reporter: 'spec', timeout: Number(process.env.TEH_MOCHA_TIMEOUT) || 20000 });
	const files = listTestFiles(testsPath);
	if (files.length === 0) throw new Error(`No *.test.js files under ${testsPath}`);
	files.forEach((file) => mocha.addFile(file));
	await mocha.loadFilesAsync();

	const results = { passes: [], failures: [], pending: [], total: 0, files };
	await new Promise((resolve) => {
		const runner = mocha.run(() => resolve(undefined));
		runner.on('pass', (test) => results.passes.push({ title: test.fullTitle(), durationMs: test.duration }));
		runner.on('fail', (test, error) => results.failures.push({ title: test.fullTitle(), error: describe(error) }));
		runner.on('pending', (test) => results.pending.push({ title: test.fullTitle() }));
	});
	results.total = results.passes.length + results.failures.length + results.pending.length;
	results.durationMs = Date.now() - started;
	results.extensions = userExtensions();
	if (process.env.TEH_SHOW_RUNNING_EXTENSIONS) await showRunningExtensions();
	writeResults(resultsFile, results);
}

/**
 * Does what httpYac does with every Markdown document it sees: stat the document's folder. The
 * outcome goes to this extension's log ("Token Error Help test runner"), which
 * test/integration/reportLog.test.ts reads: a report served without a file system provider
 * fails here with ENOPRO, as it did in httpYac.
 * @param {import('vscode').ExtensionContext} context
 */
function probeMarkdownFolders(context) {
	const log = vscode.window.createOutputChannel('Token Error Help test runner', { log: true });
	const probe = (/** @type {import('vscode').TextDocument} */ document) => {
		if (document.languageId !== 'markdown' || document.uri.scheme === 'file') return;
		const folder = vscode.Uri.joinPath(document.uri, '..');
		vscode.workspace.fs.stat(folder).then(
			(stat) => log.info(`markdown folder stat ok: ${folder.toString()} (type ${stat.type})`),
			(error) => log.error(`markdown folder stat failed: ${folder.toString()}: ${error instanceof Error ? error.message : error}`),
		);
	};
	context.subscriptions.push(log, vscode.workspace.onDidOpenTextDocument(probe));
	vscode.workspace.textDocuments.forEach(probe);
}

/** Opens "Developer: Show Running Extensions" so the outer process can read activation times off the page. */
async function showRunningExtensions() {
	const command = vscode.commands.executeCommand('workbench.action.showRuntimeExtensions').then(undefined, () => undefined);
	await Promise.race([command, new Promise((resolve) => setTimeout(resolve, 5000))]);
}

/**
 * mocha 12 is an ES module: the extension host's Node (24) can require() it; fall back to import().
 * @param {string | undefined} mochaDir
 */
async function loadMocha(mochaDir) {
	if (!mochaDir) throw new Error('TEH_MOCHA (path of node_modules/mocha) is not set');
	let mod;
	try {
		mod = require(mochaDir);
	} catch {
		mod = await import(pathToFileURL(require.resolve(mochaDir)).href);
	}
	return mod.default ?? mod;
}

/** @param {string} testsPath */
function listTestFiles(testsPath) {
	if (!fs.statSync(testsPath).isDirectory()) return [testsPath];
	return fs.readdirSync(testsPath, { recursive: true, encoding: 'utf8' })
		.filter((name) => /\.test\.(c|m)?js$/.test(name))
		.map((name) => path.join(testsPath, name))
		.sort();
}

/** The non-built-in extensions and whether they are active (public API only). */
function userExtensions() {
	return vscode.extensions.all
		.filter((ext) => !ext.packageJSON.isBuiltin && !ext.id.startsWith('vscode.'))
		.map((ext) => ({ id: ext.id, version: ext.packageJSON.version, isActive: ext.isActive }));
}

/** @param {unknown} error */
function describe(error) {
	if (error instanceof Error) return { message: error.message, stack: error.stack };
	return { message: String(error) };
}

/**
 * Writes through a temporary file and a rename, so the outer process never reads half a file.
 * @param {string} file
 * @param {object} results
 */
function writeResults(file, results) {
	try {
		const temp = `${file}.${process.pid}.tmp`;
		fs.writeFileSync(temp, JSON.stringify(results, null, '\t'));
		fs.renameSync(temp, file);
	} catch (error) {
		console.error(`[test-runner] cannot write ${file}:`, error);
	}
}

function deactivate() {}

module.exports = { activate, deactivate };
