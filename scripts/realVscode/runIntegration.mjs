// Runs a compiled mocha suite (TDD UI) inside a real VS Code extension host (code-server),
// with a given VSIX installed, and prints mocha-like results.
//
// Usage: node scripts/realVscode/runIntegration.mjs --vsix path.vsix --tests dir-or-file
//          --workspace folder [--results file] [--timeout 300] [--keep]
//   --results  where the JSON results go (default: the run's folder under test-results/real-vscode/integration)
//   --timeout  seconds allowed for the suite, from the start of code-server (the cached install is not counted)
//   --keep     keep the temporary profile (extensions, user data) for inspection
//   --untrusted  workspace trust on and the folder not trusted (Restricted Mode); default: trust off
//   --expect-notification TEXT  also fail unless a notification containing TEXT was shown
//   --web      run in the browser's web-worker extension host: the user setting remote.extensionKind
//              puts the extension and the runner there; --tests is then the browser bundle
//              (out/integration-web/web-tests.js), which the runner's web entry reads, as it reads
//              mocha's browser build, through web-run.json written into its installed folder
//   The suite gets TEH_LOGS_DIR, VS Code's log folder of the run (tests read the extension's log there).
//
// How: code-server cannot take --extensionTestsPath, so a test-only runner extension
// (test/realVscode/runnerExtension) is installed beside the VSIX; it runs mocha from
// TEH_TESTS and writes TEH_RESULTS. The extension host only starts once a browser opens
// the workbench, hence the headless Chromium. Exit code 0 only if every test passed.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { RESULTS_DIR, REPO_ROOT, RUNNER_EXTENSION_DIR } from './paths.mjs';
import { ensureRealVscode } from './setup.mjs';
import { installedExtensions, readActivationTimes } from './runningExtensions.mjs';
import { installVsix, openWorkbench, readNotifications, screenshot, startCodeServer, tail } from './server.mjs';

const RUNNER_ID = 'token-error-help-test.test-runner';
const KEEP_RUNS = 10;

/** @typedef {{ title: string, error?: { message: string } }} TestResult */
/** @typedef {{ passes: TestResult[], failures: TestResult[], pending: TestResult[], total: number,
 *   error?: { message: string }, extensions?: { id: string, isActive: boolean }[] }} Results */

function parseOptions() {
	const { values } = parseArgs({
		options: {
			vsix: { type: 'string' },
			tests: { type: 'string' },
			workspace: { type: 'string' },
			results: { type: 'string' },
			timeout: { type: 'string', default: '300' },
			mocha: { type: 'string', default: join(REPO_ROOT, 'node_modules', 'mocha') },
			keep: { type: 'boolean', default: false },
			untrusted: { type: 'boolean', default: false },
			'expect-notification': { type: 'string' },
			web: { type: 'boolean', default: false },
		},
	});
	const timeoutMs = Number(values.timeout) * 1000;
	if (!(timeoutMs > 0)) usage('--timeout must be a number of seconds');
	return {
		vsix: existingPath('vsix', values.vsix), tests: existingPath('tests', values.tests),
		workspace: existingPath('workspace', values.workspace), results: values.results && resolve(values.results), timeoutMs,
		mocha: existingPath('mocha', values.mocha), keep: values.keep,
		untrusted: values.untrusted, expectNotification: values['expect-notification'], web: values.web,
	};
}

/**
 * @param {string} option
 * @param {string | undefined} value
 * @returns {string} the absolute path
 */
function existingPath(option, value) {
	if (!value) usage(`--${option} is required`);
	if (!existsSync(value)) usage(`--${option} ${value}: no such file or folder`);
	return resolve(value);
}

/**
 * @param {string} message
 * @returns {never}
 */
function usage(message) {
	console.error(`${message}\nUsage: node scripts/realVscode/runIntegration.mjs --vsix file.vsix --tests dir --workspace folder [--results file] [--timeout seconds] [--keep] [--untrusted] [--expect-notification text] [--web]`);
	process.exit(2);
}

/**
 * Copies the runner extension into extensionsDir and registers it in extensions.json,
 * the list VS Code reads to know which folders are installed extensions.
 * @param {string} extensionsDir
 * @returns {string} the installed runner's folder
 */
function installRunnerExtension(extensionsDir) {
	const { version } = JSON.parse(readFileSync(join(RUNNER_EXTENSION_DIR, 'package.json'), 'utf8'));
	const folderName = `${RUNNER_ID}-${version}`;
	const location = join(extensionsDir, folderName);
	cpSync(RUNNER_EXTENSION_DIR, location, { recursive: true });
	const manifest = join(extensionsDir, 'extensions.json');
	const entries = existsSync(manifest) ? JSON.parse(readFileSync(manifest, 'utf8')) : [];
	entries.push({
		identifier: { id: RUNNER_ID },
		version,
		location: { $mid: 1, path: location, scheme: 'file' },
		relativeLocation: folderName,
		metadata: { installedTimestamp: Date.now(), source: 'vsix' },
	});
	writeFileSync(manifest, JSON.stringify(entries));
	return location;
}

/**
 * The user setting that runs the extension under test and the runner in the browser's
 * web-worker extension host (both have a `browser` entry).
 * @returns {Record<string, unknown>}
 */
function webHostSettings() {
	const { publisher, name } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	return { 'remote.extensionKind': { [`${publisher}.${name}`]: ['web'], [RUNNER_ID]: ['web'] } };
}

/**
 * Polls for the results file until the deadline; fails early if code-server dies.
 * @param {string} file
 * @param {number} deadline  epoch ms
 * @param {() => boolean} serverAlive
 * @returns {Promise<Results>}
 */
async function waitForResults(file, deadline, serverAlive) {
	while (Date.now() < deadline) {
		if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8'));
		if (!serverAlive()) throw new Error('code-server stopped before the tests finished');
		await new Promise((r) => setTimeout(r, 500));
	}
	throw new Error(`No results in ${file} within --timeout: the suite did not finish (a hanging test, or the runner extension never activated; see the logs below)`);
}

/**
 * Prints mocha-like lines for each test; returns the number of failures.
 * A runner error (e.g. a test file that does not load) arrives as a failure titled "(test runner)".
 * @param {Results} results
 */
function report(results) {
	for (const test of results.passes) console.log(`  ✓ ${test.title}`);
	for (const test of results.pending) console.log(`  - ${test.title} (pending)`);
	for (const test of results.failures) {
		const [first, ...rest] = (test.error?.message ?? 'failed').trim().split('\n');
		console.log(`  ✗ ${test.title}: ${first}`);
		for (const line of rest) if (line.trim()) console.log(`      ${line}`);
	}
	return results.failures.length;
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} extensionsDir
 */
async function reportActivation(page, extensionsDir) {
	const installed = installedExtensions(extensionsDir, { except: [RUNNER_ID] });
	const times = await readActivationTimes(page, installed.map((ext) => ext.name));
	for (const { id, name } of installed) {
		console.log(`activation: ${id} ${times.get(name) ?? '(not in Running Extensions: not activated?)'}`);
	}
}

/**
 * A fresh folder per run under test-results/real-vscode/integration, so concurrent runs never share
 * a results file or a log; only the newest KEEP_RUNS folders are kept.
 * @returns {string}
 */
function makeRunDir() {
	const parent = join(RESULTS_DIR, 'integration');
	mkdirSync(parent, { recursive: true });
	const old = readdirSync(parent).filter((name) => /^\d{8}T\d{6}/.test(name)).sort().slice(0, -KEEP_RUNS);
	for (const name of old) rmSync(join(parent, name), { recursive: true, force: true });
	const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
	const dir = join(parent, `${stamp}-${process.pid}`);
	mkdirSync(dir, { recursive: true });
	return dir;
}

/**
 * Installs, starts, runs and cleans up; returns the process exit code.
 * @param {ReturnType<typeof parseOptions>} options
 */
async function runIntegration(options) {
	try {
		await ensureRealVscode();
	} catch (error) {
		console.error(`✗ Cannot set up code-server: ${error instanceof Error ? error.message : error}`);
		return 1;
	}
	const deadline = Date.now() + options.timeoutMs;
	const runDir = makeRunDir();
	console.log(`logs: ${runDir}`);
	const resultsFile = options.results ?? join(runDir, 'results.json');
	rmSync(resultsFile, { force: true });
	const root = mkdtempSync(join(tmpdir(), 'teh-real-vscode-'));
	const extensionsDir = join(root, 'extensions');
	const userDataDir = join(root, 'user-data');
	/** @type {Awaited<ReturnType<typeof startCodeServer>> | undefined} */
	let server;
	/** @type {Awaited<ReturnType<typeof openWorkbench>> | undefined} */
	let workbench;
	/** @type {Promise<void> | undefined} */
	let cleaning;
	const cleanup = () => cleaning ??= (async () => {
		await workbench?.browser.close().catch(() => {});
		await server?.stop();
		if (existsSync(join(userDataDir, 'logs'))) cpSync(join(userDataDir, 'logs'), join(runDir, 'vscode-logs'), { recursive: true });
		if (!options.keep) rmSync(root, { recursive: true, force: true });
	})();
	const onSignal = () => cleanup().finally(() => process.exit(130));
	process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
	try {
		console.log(`Installing ${options.vsix} into a fresh profile…`);
		await installVsix(options.vsix, extensionsDir, { userDataDir: join(root, 'install-user-data') });
		const runner = installRunnerExtension(extensionsDir);
		if (options.web) {
			// The web worker has no environment variables: the runner's web entry reads this file instead.
			const webRun = { tests: options.tests, mocha: join(options.mocha, 'mocha.js'), results: resultsFile, timeout: Number(process.env.TEH_MOCHA_TIMEOUT) || 20000 };
			writeFileSync(join(runner, 'web-run.json'), JSON.stringify(webRun));
		}
		// In a web run the Node entry of the runner must not run the suite (TEH_TESTS unset): if the
		// setting did not move it into the web worker, the run times out instead of passing in Node.
		const env = { TEH_MOCHA: options.mocha, TEH_RESULTS: resultsFile, TEH_SHOW_RUNNING_EXTENSIONS: '1', TEH_LOGS_DIR: join(userDataDir, 'logs') };
		server = await startCodeServer({
			extensionsDir, userDataDir, folder: options.workspace, logFile: join(runDir, 'code-server.log'), workspaceTrust: options.untrusted,
			settings: options.web ? webHostSettings() : {},
			env: options.web ? env : { ...env, TEH_TESTS: options.tests },
		});
		console.log(`code-server ${server.url} is up; opening the workbench in headless Chromium…`);
		// A tall page lets the Running Extensions list show every row at once (see readActivationTimes).
		workbench = await openWorkbench(server.url, options.workspace, {
			consoleLog: join(runDir, 'browser-console.log'), viewport: { width: 1400, height: 2400 },
		});
		const results = await waitForResults(resultsFile, deadline, server.running);
		let failed = report(results);
		await reportActivation(workbench.page, extensionsDir);
		if (options.expectNotification !== undefined) failed += await checkNotification(workbench.page, options.expectNotification);
		if (failed > 0) await saveScreenshot(workbench.page, runDir, 'failure');
		await cleanup(); // code-server stops: its logs are complete and copied to the run's folder
		failed += checkReportLogs(join(runDir, 'vscode-logs'));
		console.log(`${results.passes.length} passed, ${failed} failed`);
		return failed > 0 ? 1 : 0;
	} catch (error) {
		if (workbench) await saveScreenshot(workbench.page, runDir, 'error');
		if (server) console.error(`--- last lines of ${server.logFile} ---\n${tail(server.logFile, 15)}\n---`);
		console.error(`✗ ${error instanceof Error ? error.message : error}`);
		return 1;
	} finally {
		await cleanup();
		process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
	}
}

/**
 * Looks for a notification the user saw (a reason shown on screen, not only in a log); returns 1 if missing.
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function checkNotification(page, text) {
	/** @type {string[]} */
	let shown;
	try {
		shown = await readNotifications(page);
	} catch (error) {
		shown = [`(notifications could not be read: ${error instanceof Error ? error.message : error})`];
	}
	if (shown.some((notification) => notification.includes(text))) {
		console.log(`  ✓ notification shown: "${text}"`);
		return 0;
	}
	console.log(`  ✗ no notification contains "${text}"; shown: ${JSON.stringify(shown)}`);
	return 1;
}

/**
 * Reads every log of the finished run for complaints about Explain Response's report documents:
 * ENOPRO (no file system provider, as httpYac logged when it stat-ed a report's folder) or an
 * error or warning naming the report scheme. Returns the number of such lines (0 passes).
 * @param {string} logsDir
 */
function checkReportLogs(logsDir) {
	if (!existsSync(logsDir)) {
		console.log(`  ✗ no VS Code logs in ${logsDir}`);
		return 1;
	}
	const files = readdirSync(logsDir, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.log'));
	const complaints = files.flatMap((name) => readFileSync(join(logsDir, name), 'utf8').split('\n')
		.filter((line) => line.includes('ENOPRO') || (line.includes('token-error-help-report') && /\[(error|warning)\]/.test(line)))
		.map((line) => `${name}: ${line}`));
	if (complaints.length === 0) {
		console.log(`  ✓ no log of the run (${files.length} files) has an error about report documents`);
		return 0;
	}
	for (const line of complaints) console.log(`  ✗ ${line}`);
	return complaints.length;
}

/**
 * @param {import('playwright-core').Page} page
 * @param {string} dir
 * @param {string} name
 */
async function saveScreenshot(page, dir, name) {
	try {
		console.error(`screenshot: ${await screenshot(page, name, dir)}`);
	} catch (error) {
		console.error(`(no screenshot: ${error instanceof Error ? error.message : error})`);
	}
}

process.exitCode = await runIntegration(parseOptions());
