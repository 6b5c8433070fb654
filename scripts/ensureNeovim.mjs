// Makes sure Neovim is installed for the language-server test with a real client (test/lsp/neovim.test.ts).
// When `nvim` is missing it installs Debian's `neovim` package with apt-get (root only, as
// scripts/realVscode/setup.mjs does for Chromium); elsewhere it says what to install.
// The test drives Neovim's built-in LSP client through vim.lsp.start_client and reads vim.diagnostic
// (both there since 0.6; Debian 12 ships 0.7.2, which has no vim.lsp.start yet).
import { spawnSync } from 'node:child_process';

const MINIMUM = [0, 6, 0];

/** The installed Neovim's version as [major, minor, patch], or undefined when there is none. */
function installedVersion() {
	const r = spawnSync('nvim', ['--version'], { encoding: 'utf8' });
	if (r.error || r.status !== 0) return undefined;
	const m = /NVIM v(\d+)\.(\d+)\.(\d+)/.exec(r.stdout);
	return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

function atLeast(version, minimum) {
	for (let i = 0; i < 3; i++) {
		if (version[i] !== minimum[i]) return version[i] > minimum[i];
	}
	return true;
}

function run(command, args) {
	const r = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
	if (r.error || r.status !== 0) {
		console.error(`${command} ${args.join(' ')} failed${r.error ? `: ${r.error.message}` : ` (exit ${r.status})`}.`);
		process.exit(2);
	}
}

let version = installedVersion();
if (!version) {
	if (process.getuid?.() !== 0) {
		console.error('Neovim is missing. Install it with:\n  sudo apt-get update && sudo apt-get install -y neovim');
		process.exit(2);
	}
	console.error('Installing Debian\'s neovim package for the language-server test…');
	run('apt-get', ['update']);
	run('apt-get', ['install', '-y', '--no-install-recommends', 'neovim']);
	version = installedVersion();
	if (!version) {
		console.error('apt-get reported success but `nvim --version` still fails.');
		process.exit(2);
	}
}
if (!atLeast(version, MINIMUM)) {
	console.error(`Neovim ${version.join('.')} is too old: the test needs ${MINIMUM.join('.')} or newer (vim.lsp.start_client, vim.diagnostic).`);
	process.exit(2);
}
console.error(`Neovim ${version.join('.')} is installed.`);
