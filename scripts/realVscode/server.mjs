// Starts the cached code-server (the real VS Code workbench and extension host),
// installs VSIX files into it and opens its workbench in headless Chromium.
// Run scripts/realVscode/setup.mjs (or ensureRealVscode()) first.
import { execFile, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM, CODE_SERVER_BIN, NODE24, PLAYWRIGHT_CORE, RESULTS_DIR, node24Env } from './paths.mjs';

const START_TIMEOUT_MS = 60_000;
const INSTALL_TIMEOUT_MS = 120_000;
const WORKBENCH_TIMEOUT_MS = 60_000;

/** Settings every test profile gets; see REAL-VSCODE.md for why word wrap is on. */
export const BASE_SETTINGS = Object.freeze({
	'workbench.startupEditor': 'none',
	'security.workspace.trust.enabled': false,
	'editor.wordWrap': 'on',
	'extensions.autoUpdate': false,
	'extensions.autoCheckUpdates': false,
	'telemetry.telemetryLevel': 'off',
	'workbench.enableExperiments': false,
	'update.mode': 'none',
	// Keep the screen for the journey under test: no chat side bar, no welcome pages.
	'chat.disableAIFeatures': true,
	'workbench.secondarySideBar.defaultVisibility': 'hidden',
	'workbench.tips.enabled': false,
});

/** Chromium flags that keep the browser offline, quiet and working as root in a container. */
export const CHROMIUM_ARGS = Object.freeze([
	'--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync',
]);

/**
 * With `workspaceTrust: true`: trust is on and nothing is trusted yet, so the folder opens in
 * Restricted Mode without asking (the extension host sees `workspace.isTrusted === false`).
 */
export const UNTRUSTED_SETTINGS = Object.freeze({
	'security.workspace.trust.enabled': true,
	'security.workspace.trust.startupPrompt': 'never',
	'security.workspace.trust.banner': 'always',
	'security.workspace.trust.untrustedFiles': 'open',
});

/**
 * @typedef {object} CodeServer
 * @property {string} url       e.g. http://127.0.0.1:41234
 * @property {number} port
 * @property {string} logFile   where code-server's output goes
 * @property {() => Promise<void>} stop  kills code-server's process group
 * @property {() => boolean} running     false once the code-server process has exited
 */

/**
 * Writes the test profile's settings and starts code-server on a free loopback port.
 * Resolves once it answers HTTP; rejects after 60 s with the end of its log.
 * Workspace trust is off unless `workspaceTrust` is true: then the folder opens untrusted
 * (see UNTRUSTED_SETTINGS).
 * @param {{ extensionsDir: string, userDataDir: string, folder: string, env?: Record<string, string>,
 *   settings?: Record<string, unknown>, logFile?: string, workspaceTrust?: boolean }} options
 * @returns {Promise<CodeServer>}
 */
export async function startCodeServer({ extensionsDir, userDataDir, folder, env = {}, settings = {}, logFile, workspaceTrust = false }) {
	writeSettings(userDataDir, workspaceTrust ? { ...UNTRUSTED_SETTINGS, ...settings } : settings);
	const port = await freePort();
	const url = `http://127.0.0.1:${port}`;
	const log = logFile ?? join(RESULTS_DIR, `code-server-${port}.log`);
	mkdirSync(dirname(log), { recursive: true });
	const args = [
		CODE_SERVER_BIN, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--config', writeConfig(userDataDir),
		'--extensions-dir', extensionsDir, '--user-data-dir', userDataDir,
		'--disable-telemetry', '--disable-update-check', ...(workspaceTrust ? [] : ['--disable-workspace-trust']), resolve(folder),
	];
	const child = spawn(NODE24, args, { env: serverEnv(userDataDir, env), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
	const out = createWriteStream(log);
	child.stdout.pipe(out);
	child.stderr.pipe(out);
	const exited = new Promise((r) => child.once('exit', (code, signal) => r(code ?? signal)));
	// Safety net: code-server runs in its own process group, so it would outlive a crashed caller.
	const killOnExit = () => killGroup(child, 'SIGKILL');
	process.once('exit', killOnExit);
	const stop = () => stopGroup(child, exited).finally(() => process.off('exit', killOnExit));
	try {
		await waitForHttp(`${url}/healthz`, exited, log);
	} catch (error) {
		await stop();
		throw error;
	}
	return { url, port, logFile: log, stop, running: () => child.exitCode === null && child.signalCode === null };
}

/**
 * Installs a VSIX with code-server's CLI (offline). Throws with the CLI's output when it fails.
 * @param {string} vsixPath
 * @param {string} extensionsDir
 * @param {{ userDataDir?: string }} [options]  defaults to a folder beside extensionsDir
 * @returns {Promise<string>} the CLI's output
 */
export function installVsix(vsixPath, extensionsDir, { userDataDir = `${extensionsDir}-user` } = {}) {
	const args = [
		CODE_SERVER_BIN, '--config', writeConfig(userDataDir), '--user-data-dir', userDataDir,
		'--extensions-dir', extensionsDir, '--install-extension', resolve(vsixPath),
	];
	return new Promise((resolvePromise, reject) => {
		execFile(NODE24, args, { env: serverEnv(userDataDir), timeout: INSTALL_TIMEOUT_MS }, (error, stdout, stderr) => {
			const output = `${stdout}${stderr}`.trim();
			if (error || !/successfully installed/i.test(output)) {
				reject(new Error(`Installing ${vsixPath} into code-server failed (${error?.message ?? 'no success message'}):\n${output}`));
			} else {
				resolvePromise(output);
			}
		});
	});
}

/**
 * Opens the workbench of `url` on `folder` in headless Debian Chromium, waiting for `.monaco-workbench`.
 * Browser console messages go to `consoleLog` when given.
 * @param {string} url
 * @param {string} folder
 * @param {{ consoleLog?: string, viewport?: { width: number, height: number } }} [options]
 * @returns {Promise<{ browser: import('playwright-core').Browser, page: import('playwright-core').Page }>}
 */
export async function openWorkbench(url, folder, { consoleLog, viewport = { width: 1400, height: 900 } } = {}) {
	const { chromium } = await loadPlaywright();
	// Playwright's own signal handlers would exit the process before the caller stops code-server.
	const browser = await chromium.launch({
		executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS], timeout: WORKBENCH_TIMEOUT_MS,
		handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
	});
	try {
		// The web workbench's clipboard goes through the browser's Clipboard API, which asks for permission.
		const context = await browser.newContext({ viewport, permissions: ['clipboard-read', 'clipboard-write'] });
		const page = await context.newPage();
		if (consoleLog) logConsole(page, consoleLog);
		await page.goto(`${url}/?folder=${encodeURIComponent(resolve(folder))}`, { timeout: WORKBENCH_TIMEOUT_MS });
		await page.waitForSelector('.monaco-workbench', { timeout: WORKBENCH_TIMEOUT_MS });
		return { browser, page };
	} catch (error) {
		await browser.close();
		throw new Error(`The VS Code workbench did not load at ${url}: ${error instanceof Error ? error.message : error}`, { cause: error });
	}
}

/**
 * Saves a screenshot of the page and returns its path.
 * @param {import('playwright-core').Page} page
 * @param {string} name  file name without extension
 * @param {string} [dir]  default test-results/real-vscode/screenshots
 */
export async function screenshot(page, name, dir = join(RESULTS_DIR, 'screenshots')) {
	const file = join(dir, `${name.replace(/[^\w.-]+/g, '-')}.png`);
	mkdirSync(dirname(file), { recursive: true });
	await page.screenshot({ path: file, timeout: 15_000 });
	return file;
}

// UI helpers for user journeys (selectors from REAL-VSCODE.md). Each wait is bounded.
/* global document, NodeFilter -- hoverWord's callback runs in the page */

/**
 * Opens a file by clicking its row in the Explorer (quick open can swallow keys right after load).
 * @param {import('playwright-core').Page} page
 * @param {string} fileName  as shown in the Explorer
 */
export async function openFileFromExplorer(page, fileName) {
	const row = page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first();
	await row.click({ timeout: 30_000 });
	await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30_000 });
	await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
}

/**
 * Rests the mouse on the first occurrence of `word` in the visible editor and returns the hover's text.
 * @param {import('playwright-core').Page} page
 * @param {string} word
 * @param {{ expect?: string | RegExp }} [options]  wait until the hover contains this (default: any text)
 * @returns {Promise<string>}
 */
export async function hoverWord(page, word, { expect } = {}) {
	const line = page.locator('.monaco-editor .view-line', { hasText: word }).first();
	await line.waitFor({ timeout: 30_000 });
	const hover = page.locator('.monaco-hover', expect ? { hasText: expect } : {}).first();
	// A hover asked for before the extension activated stays empty, and resting on the same
	// spot does not ask again: leave the editor and come back until the hover shows. The word's
	// position is measured on every attempt, since CodeLenses and decorations can move lines.
	const deadline = Date.now() + 20_000;
	while (Date.now() < deadline) {
		const point = await wordCenter(line, word);
		await page.mouse.move(1, 1);
		await page.mouse.move(point.x, point.y, { steps: 5 });
		try {
			await hover.waitFor({ state: 'visible', timeout: 2000 });
			return (await hover.innerText()).trim();
		} catch {
			// not yet
		}
	}
	throw new Error(`No hover${expect ? ` containing ${expect}` : ''} over "${word}" within 20 s`);
}

/**
 * The centre of the first occurrence of `word` in a rendered editor line.
 * @param {import('playwright-core').Locator} line
 * @param {string} word
 */
async function wordCenter(line, word) {
	const point = await line.evaluate((element, target) => {
		const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const index = (node.textContent ?? '').indexOf(target);
			if (index < 0) continue;
			const range = document.createRange();
			range.setStart(node, index);
			range.setEnd(node, index + target.length);
			const rect = range.getBoundingClientRect();
			return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
		}
		return undefined;
	}, word);
	if (!point) throw new Error(`"${word}" is not within one rendered text run of the editor`);
	return point;
}

/**
 * Runs a command through the command palette (Ctrl+Shift+P), by its label.
 * @param {import('playwright-core').Page} page
 * @param {string} label  e.g. "Developer: Show Running Extensions"
 */
export async function runCommand(page, label) {
	// The palette lists the commands known when it opens; one opened before the extension host
	// has registered our contributions, or a key press lost while the workbench is still
	// settling, shows no row. Close it and ask again, within a bound, and say which step failed.
	const input = page.locator('.quick-input-widget input');
	const row = page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
	const deadline = Date.now() + 60_000;
	let step = 'open the command palette';
	for (;;) {
		try {
			step = 'open the command palette';
			await page.keyboard.press('Control+Shift+P');
			await input.waitFor({ state: 'visible', timeout: 5_000 });
			step = `find "${label}" in the command palette`;
			await input.fill(`>${label}`);
			await row.waitFor({ timeout: 5_000 });
			break;
		} catch (error) {
			if (Date.now() > deadline) throw new Error(`Could not ${step}: ${error instanceof Error ? error.message.split('\n')[0] : error}`, { cause: error });
			await page.keyboard.press('Escape');
		}
	}
	await page.keyboard.press('Enter');
	await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 15_000 });
}

/**
 * Opens the notification center (toasts hide after a while; the center keeps them) and returns
 * the text of each notification.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function readNotifications(page) {
	await runCommand(page, 'Notifications: Show Notifications');
	await page.locator('.notifications-center').waitFor({ state: 'visible', timeout: 15_000 });
	return page.locator('.notifications-center .notification-list-item').allInnerTexts();
}

/**
 * Shows the Problems panel (Ctrl+Shift+M) and returns the text of its rows.
 * @param {import('playwright-core').Page} page
 * @returns {Promise<string[]>}
 */
export async function readProblems(page) {
	await page.keyboard.press('Control+Shift+M');
	await page.locator('.markers-panel').waitFor({ state: 'visible', timeout: 15_000 });
	return page.locator('.markers-panel .monaco-list-row').allInnerTexts();
}

/**
 * Appends the page's console messages and uncaught errors to `file`.
 * @param {import('playwright-core').Page} page
 * @param {string} file
 */
function logConsole(page, file) {
	mkdirSync(dirname(file), { recursive: true });
	const out = createWriteStream(file);
	page.on('console', (message) => out.write(`[${message.type()}] ${message.text()}\n`));
	page.on('pageerror', (error) => out.write(`[pageerror] ${error.message}\n`));
	page.once('close', () => out.end());
}

/** playwright-core lives in the cached server project, not in the repo's node_modules. */
export function loadPlaywright() {
	return import(pathToFileURL(join(PLAYWRIGHT_CORE, 'index.mjs')).href);
}

/**
 * @param {string} file
 * @param {number} lines
 */
export function tail(file, lines = 30) {
	try {
		return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * @param {string} userDataDir
 * @param {Record<string, unknown>} settings
 */
function writeSettings(userDataDir, settings) {
	const dir = join(userDataDir, 'User');
	mkdirSync(dir, { recursive: true });
	writeFileSync(join(dir, 'settings.json'), `${JSON.stringify({ ...BASE_SETTINGS, ...settings }, null, '\t')}\n`);
}

/**
 * Node 24 first on PATH, and code-server's own data (its coder-logs) kept inside the test profile
 * instead of ~/.local/share/code-server. The extension host inherits this environment.
 * @param {string} userDataDir
 * @param {Record<string, string>} [extra]
 */
function serverEnv(userDataDir, extra = {}) {
	return node24Env({ ...process.env, XDG_DATA_HOME: join(userDataDir, 'xdg-data'), ...extra });
}

/**
 * Without --config, code-server would create ~/.config/code-server/config.yaml with a generated password.
 * @param {string} userDataDir
 * @returns {string} the config file
 */
function writeConfig(userDataDir) {
	mkdirSync(userDataDir, { recursive: true });
	const file = join(userDataDir, 'code-server.yaml');
	writeFileSync(file, 'auth: none\ncert: false\n');
	return file;
}

/** @returns {Promise<number>} a port that was free on 127.0.0.1 a moment ago */
function freePort() {
	return new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolvePort(port));
		});
	});
}

/**
 * Polls `url` until it answers, the process exits, or START_TIMEOUT_MS passes.
 * @param {string} url
 * @param {Promise<unknown>} exited
 * @param {string} log
 */
async function waitForHttp(url, exited, log) {
	let exitStatus;
	exited.then((status) => { exitStatus = status; });
	const deadline = Date.now() + START_TIMEOUT_MS;
	while (Date.now() < deadline) {
		if (exitStatus !== undefined) {
			throw new Error(`code-server exited (${exitStatus}) before answering ${url}. Last lines of ${log}:\n${tail(log)}`);
		}
		if (await answers(url)) return;
		await new Promise((r) => setTimeout(r, 250));
	}
	throw new Error(`code-server did not answer ${url} within ${START_TIMEOUT_MS / 1000} s. Last lines of ${log}:\n${tail(log)}`);
}

/** @param {string} url */
function answers(url) {
	return new Promise((resolveAnswer) => {
		const request = get(url, { timeout: 2000 }, (response) => {
			response.resume();
			resolveAnswer(response.statusCode !== undefined && response.statusCode < 500);
		});
		request.on('timeout', () => request.destroy());
		request.on('error', () => resolveAnswer(false));
	});
}

/**
 * SIGTERM to the whole process group (code-server forks the extension host), then SIGKILL to what is left.
 * @param {import('node:child_process').ChildProcess} child
 * @param {Promise<unknown>} exited
 */
async function stopGroup(child, exited) {
	if (child.exitCode !== null || child.signalCode !== null) {
		killGroup(child, 'SIGKILL'); // the server is gone; its extension host may not be
		return;
	}
	killGroup(child, 'SIGTERM');
	await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
	killGroup(child, 'SIGKILL'); // also ends children (extension host, file watcher) that outlived the server
}

/**
 * @param {import('node:child_process').ChildProcess} child  a process spawned with detached: true
 * @param {NodeJS.Signals} signal
 */
function killGroup(child, signal) {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		// the group is already gone
	}
}
