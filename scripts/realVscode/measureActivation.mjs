// Measures the extension's activation time as the real VS Code reports it (the "Running
// Extensions" editor: code loading + the synchronous part of activate()), in code-server.
//
// Usage: node scripts/realVscode/measureActivation.mjs [--vsix file.vsix] [--runs 5] [--isolated | --events e1,e2]
//   --vsix      default: token-error-help-<version>.vsix at the repository root (npm run package)
//   --runs      how many fresh starts to measure (default 5)
//   --isolated  see below
//   --events    measure with these activation events instead of the shipped ones (e.g. onStartupFinished)
//
// Or: import { measureActivation } from './scripts/realVscode/measureActivation.mjs';
//     const { runs, medianMs } = await measureActivation({ vsix, runs: 5 });
//
// How: the VSIX is installed once into a fresh profile; each run starts code-server with a fresh
// user-data folder on a workspace holding an .http file, opens the workbench in headless
// Chromium, lets start-up finish, opens the file, shows the Running Extensions editor and reads
// our row. The extension host's log says which event activated us and what activated alongside.
//
// Reading the figure: VS Code starts its clock, awaits, then loads the module. Extensions
// activated by the same event burst load their code during that await, and it is charged to
// every one of them. The workbench creates plaintext and JSON models of its own while starting,
// so with our onLanguage:plaintext/json events we activate then, beside JSON, npm, Emmet and
// TypeScript language features, and the figure is mostly theirs (an empty extension with our
// activation events reads 50–1000 ms here). --isolated narrows the installed manifest's
// activationEvents to onLanguage:http, so opening the file after start-up activates us alone:
// that figure is our own code loading and activate().
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from './paths.mjs';
import { activationMs, installedExtensions, readActivationTimes } from './runningExtensions.mjs';
import { installVsix, openFileFromExplorer, openWorkbench, runCommand, startCodeServer, tail } from './server.mjs';
import { ensureRealVscode } from './setup.mjs';

const EXTENSION_ID = 'token-error-help.token-error-help';
const FILE = 'activation.http';
/** Start-up activations (*, onStartupFinished) are over well within this on 2 busy cores. */
const SETTLE_MS = 8000;
/** Activations logged this close to ours count as alongside it. */
const ALONGSIDE_MS = 100;

/**
 * @typedef {object} Activation
 * @property {number} ms            what the Running Extensions editor shows
 * @property {string | undefined} event  the activation event, from the extension host's log
 * @property {string[]} alongside   extensions activated within ALONGSIDE_MS of ours
 */

/**
 * Installs the VSIX into a fresh code-server profile and measures `runs` activations.
 * @param {{ vsix: string, runs?: number, isolated?: boolean, events?: string[], log?: (line: string) => void }} options
 *   isolated: activate on onLanguage:http only (see the file's header); events: activate on these instead
 * @returns {Promise<{ runs: number[], medianMs: number, activations: Activation[] }>} each run's activation in ms, their median, and each run's context
 */
export async function measureActivation({ vsix, runs = 5, isolated = false, events, log = () => {} }) {
	if (!existsSync(vsix)) throw new Error(`${vsix}: no such VSIX (run npm run package first)`);
	if (!(Number.isInteger(runs) && runs > 0)) throw new Error(`runs must be a positive integer, not ${runs}`);
	await ensureRealVscode();
	const root = mkdtempSync(join(tmpdir(), 'teh-activation-'));
	try {
		const extensionsDir = join(root, 'extensions');
		const folder = join(root, 'workspace');
		mkdirSync(folder);
		cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace', 'entra-invalid-client.http'), join(folder, FILE));
		await installVsix(resolve(vsix), extensionsDir, { userDataDir: join(root, 'install-user-data') });
		const ours = installedExtensions(extensionsDir).find((ext) => ext.id === EXTENSION_ID);
		if (!ours) throw new Error(`${vsix} did not install ${EXTENSION_ID}`);
		if (isolated) narrowActivation(ours.location, ['onLanguage:http']);
		else if (events?.length) narrowActivation(ours.location, events);
		/** @type {Activation[]} */
		const activations = [];
		for (let i = 1; i <= runs; i++) {
			const userDataDir = join(root, `user-data-${i}`);
			const ms = await measureOnce({ extensionsDir, userDataDir, folder, name: ours.name, logFile: join(root, `code-server-${i}.log`) });
			const activation = { ms, ...activationContext(userDataDir) };
			log(`run ${i}/${runs}: ${ms} ms (${activation.event ?? 'event not logged'}${activation.alongside.length ? `, alongside ${activation.alongside.join(', ')}` : ', alone'})`);
			activations.push(activation);
		}
		const times = activations.map((a) => a.ms);
		return { runs: times, medianMs: median(times), activations };
	} finally {
		rmSync(root, { recursive: true, force: true });
	}
}

/**
 * One fresh start: code-server, workbench, open the .http file, read the Running Extensions editor.
 * @param {{ extensionsDir: string, userDataDir: string, folder: string, name: string, logFile: string }} options
 * @returns {Promise<number>}
 */
async function measureOnce({ extensionsDir, userDataDir, folder, name, logFile }) {
	const server = await startCodeServer({ extensionsDir, userDataDir, folder, logFile });
	/** @type {Awaited<ReturnType<typeof openWorkbench>> | undefined} */
	let workbench;
	try {
		// Tall enough for the Running Extensions list to show every row without scrolling.
		workbench = await openWorkbench(server.url, folder, { viewport: { width: 1400, height: 2400 } });
		const { page } = workbench;
		await page.waitForTimeout(SETTLE_MS);
		await openFileFromExplorer(page, FILE);
		await runCommand(page, 'Developer: Show Running Extensions');
		// The editor lists an extension once it has activated and shows its time once activate() returned.
		const deadline = Date.now() + 60_000;
		let text;
		while (Date.now() < deadline) {
			text = (await readActivationTimes(page, [name], { timeout: 30_000 })).get(name);
			const ms = activationMs(text);
			if (ms !== undefined) return ms;
			await page.waitForTimeout(500);
		}
		throw new Error(`No activation time for ${name} in the Running Extensions editor within 60 s (${text ?? 'no row'})`);
	} catch (error) {
		throw new Error(`${error instanceof Error ? error.message : error}\n--- last lines of ${logFile} ---\n${tail(logFile, 15)}`, { cause: error });
	} finally {
		await workbench?.browser.close().catch(() => {});
		await server.stop();
	}
}

/**
 * Rewrites the installed extension's activation events (its folder is a copy: the VSIX is untouched).
 * @param {string} location  the installed extension's folder
 * @param {string[]} events
 */
function narrowActivation(location, events) {
	const file = join(location, 'package.json');
	const manifest = JSON.parse(readFileSync(file, 'utf8'));
	writeFileSync(file, JSON.stringify({ ...manifest, activationEvents: events }, null, '\t'));
}

/**
 * Which event activated our extension, and which extensions activated within ALONGSIDE_MS of it,
 * from the extension host's log ("ExtensionService#_doActivateExtension <id>, startup: …, activationEvent: '…'").
 * @param {string} userDataDir
 * @returns {{ event: string | undefined, alongside: string[] }}
 */
function activationContext(userDataDir) {
	const logs = join(userDataDir, 'logs');
	const files = existsSync(logs) ? readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter((f) => /exthost\.log$/.test(f)) : [];
	const entries = files.flatMap((f) => readFileSync(join(logs, f), 'utf8').split('\n')).flatMap((line) => {
		const m = /^(\S+ \S+) \[\w+\] ExtensionService#_doActivateExtension ([^,\s]+), startup: \w+, activationEvent: '([^']*)'/.exec(line);
		return m ? [{ at: Date.parse(m[1].replace(' ', 'T')), id: m[2], event: m[3] }] : [];
	});
	const ours = entries.find((e) => e.id === EXTENSION_ID);
	if (!ours) return { event: undefined, alongside: [] };
	const alongside = entries.filter((e) => e.id !== EXTENSION_ID && Math.abs(e.at - ours.at) <= ALONGSIDE_MS).map((e) => e.id);
	return { event: ours.event, alongside };
}

/** @param {number[]} values */
function median(values) {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
	const { values } = parseArgs({ options: { vsix: { type: 'string' }, runs: { type: 'string', default: '5' }, isolated: { type: 'boolean', default: false }, events: { type: 'string' } } });
	const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
	const vsix = values.vsix ?? join(REPO_ROOT, `token-error-help-${version}.vsix`);
	try {
		const events = values.events?.split(',').map((e) => e.trim()).filter(Boolean);
		const result = await measureActivation({ vsix, runs: Number(values.runs), isolated: values.isolated, events, log: (line) => console.log(line) });
		console.log(`activation${values.isolated ? ' (isolated)' : events ? ` (${events.join(', ')})` : ''} (ms): ${result.runs.join(', ')}; median ${result.medianMs}`);
	} catch (error) {
		console.error(`✗ ${error instanceof Error ? error.message : error}`);
		process.exitCode = 1;
	}
}
