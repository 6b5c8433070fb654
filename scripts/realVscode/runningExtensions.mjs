// Reading what VS Code itself reports about extensions: the installed ones (extensions.json) and
// their activation times off the "Running Extensions" editor (Developer: Show Running Extensions),
// which shows codeLoadingTime + activateCallTime as "Activation: 12ms".
// Shared by runIntegration.mjs and measureActivation.mjs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROWS = '.runtime-extensions-editor .monaco-list-row';

/**
 * Id, display name and folder of each extension installed in extensionsDir (code-server's extensions.json).
 * @param {string} extensionsDir
 * @param {{ except?: string[] }} [options]  ids to leave out
 * @returns {{ id: string, name: string, location: string }[]}
 */
export function installedExtensions(extensionsDir, { except = [] } = {}) {
	/** @type {{ identifier: { id: string }, location: { path: string } }[]} */
	const entries = JSON.parse(readFileSync(join(extensionsDir, 'extensions.json'), 'utf8'));
	return entries.filter((entry) => !except.includes(entry.identifier.id)).map((entry) => {
		const manifest = JSON.parse(readFileSync(join(entry.location.path, 'package.json'), 'utf8'));
		return { id: entry.identifier.id, name: manifest.displayName ?? manifest.name, location: entry.location.path };
	});
}

/**
 * Reads activation times off the open "Running Extensions" editor. Its list is virtualised:
 * scroll it until every wanted name has been seen with a time (bounded), then return what was found.
 * @param {import('playwright-core').Page} page
 * @param {string[]} wanted  display names
 * @param {{ timeout?: number }} [options]  how long to wait for the editor's rows
 * @returns {Promise<Map<string, string>>} display name → activation text, e.g. "126ms" ("Activating..." while not done)
 */
export async function readActivationTimes(page, wanted, { timeout = 15_000 } = {}) {
	const times = new Map();
	const done = () => wanted.every((name) => activationMs(times.get(name)) !== undefined);
	try {
		await page.waitForSelector(ROWS, { timeout });
		await page.hover('.runtime-extensions-editor .monaco-list', { timeout: 5000 });
		for (let i = 0; i < 20 && !done(); i++) {
			const rows = await page.$$eval(ROWS, (elements) => elements.map((row) => [
				row.querySelector('.name')?.textContent?.trim() ?? '',
				row.querySelector('.activation-time')?.textContent?.trim() ?? '',
			]));
			for (const [name, text] of rows) times.set(name, /(\d+)\s*ms/.exec(text)?.[0] ?? text);
			await page.mouse.wheel(0, 300);
			await page.waitForTimeout(100); // let the list render the rows scrolled in
		}
	} catch {
		// the editor did not show up: no activation figures this time
	}
	return times;
}

/**
 * The number of milliseconds in an activation text, if it has one.
 * @param {string | undefined} text  e.g. "126ms"
 * @returns {number | undefined}
 */
export function activationMs(text) {
	const match = /(\d+)\s*ms/.exec(text ?? '');
	return match ? Number(match[1]) : undefined;
}
