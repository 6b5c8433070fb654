// User journeys in the real VS Code UI: code-server with the built VSIX installed, driven by
/* global document -- callbacks of frame.evaluate run in the page */
// headless Chromium. Each journey saves a screenshot under test-results/real-vscode/screenshots.
// Usage: node test/e2e/journeys.mjs --vsix token-error-help-<version>.vsix
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { REPO_ROOT } from '../../scripts/realVscode/paths.mjs';
import { hoverWord, installVsix, openFileFromExplorer, openWorkbench, readProblems, runCommand, screenshot, startCodeServer, tail } from '../../scripts/realVscode/server.mjs';
import { ensureRealVscode } from '../../scripts/realVscode/setup.mjs';

// --only 3,7 runs those journeys (by number) alone.
const { values } = parseArgs({ options: { vsix: { type: 'string' }, only: { type: 'string' } } });
if (!values.vsix) {
	console.error('Usage: node test/e2e/journeys.mjs --vsix <file.vsix> [--only 1,7]');
	process.exit(2);
}

/** Waits until `check` returns a truthy value (bounded, polling the page state). */
async function until(what, check, timeout = 20_000) {
	const deadline = Date.now() + timeout;
	let last;
	while (Date.now() < deadline) {
		try {
			last = await check();
			if (last) return last;
		} catch (error) {
			last = error;
		}
		await new Promise(r => setTimeout(r, 250));
	}
	throw new Error(`Timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

function expectMatch(text, pattern, what) {
	if (!pattern.test(text)) throw new Error(`${what} does not match ${pattern}: ${JSON.stringify(text.slice(0, 400))}`);
}

/** The extension has analysed the open file once its squiggles show (activation can take a while on a busy machine). */
async function waitForAnalysis(page) {
	await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info').first().waitFor({ timeout: 60_000 });
}

async function editorText(page) {
	return (await page.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
}

/**
 * The text of the rendered report (a Markdown preview, in a webview frame) once it shows `expect`.
 * @param {import('playwright-core').Page} page
 * @param {RegExp} expect
 */
async function readReport(page, expect) {
	return until('the rendered report', async () => {
		for (const frame of page.frames()) {
			const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
			if (/What to do next/.test(text) && expect.test(text)) return text.replace(/\u00a0/g, ' ');
		}
		return undefined;
	}, 30_000);
}

/**
 * The part of `text` from the first `start` up to the first `end` after it (or the end of the text).
 * @param {string} text
 * @param {RegExp} start
 * @param {RegExp} end
 * @param {string} what
 */
function section(text, start, end, what) {
	const from = text.search(start);
	if (from < 0) throw new Error(`${what} has no ${start}: ${JSON.stringify(text.slice(0, 400))}`);
	const rest = text.slice(from);
	const stop = rest.slice(1).search(end);
	return stop < 0 ? rest : rest.slice(0, stop + 1);
}

/** Steps that belong to the authorization-code exchange, not to a refresh: redeeming codes, the PKCE verifier, the redirect. */
const AUTHORIZATION_CODE_STEP = /authorization code|redeem(?:ing)? (?:the )?codes?\b|code[_ ]verifier|PKCE|after the redirect/i;

/**
 * The steps of a refresh-token answer: at least one step, each about signing in again or the
 * refresh token, and none about the authorization-code exchange.
 * @param {string} steps  the steps section's text
 * @param {string} what
 */
function expectRefreshSteps(steps, what) {
	const lines = steps.split('\n').map(l => l.trim()).filter(Boolean).slice(1);
	if (!lines.length) throw new Error(`${what} lists no step`);
	const wrong = lines.filter(l => AUTHORIZATION_CODE_STEP.test(l));
	if (wrong.length) throw new Error(`${what} lists authorization-code steps for a refresh: ${JSON.stringify(wrong)}`);
	expectMatch(lines[0], /sign.?in|refresh token/i, `${what}'s first step`);
}

/**
 * Scrolls the open hover so that the first paragraph starting with `text` is at its top (for the screenshot).
 * @param {import('playwright-core').Page} page
 * @param {string} text
 */
async function scrollHoverTo(page, text) {
	await page.locator('.monaco-hover').first().evaluate((hover, wanted) => {
		const target = [...hover.querySelectorAll('p')].find(e => (e.textContent ?? '').trim().startsWith(wanted));
		target?.scrollIntoView({ block: 'start' });
	}, text).catch(() => undefined);
}

const journeys = [
	['1. hover an Entra invalid_client code in an .http file: title, cause and fix', async page => {
		await openFileFromExplorer(page, 'entra-invalid-client.http');
		await waitForAnalysis(page);
		const hover = await hoverWord(page, 'invalid_client', { expect: /What to do:/ });
		expectMatch(hover, /Client authentication failed/, 'the hover');
		expectMatch(hover, /Most likely:[^]*secret/i, 'the hover');
		expectMatch(hover, /What to do:/, 'the hover');
		await screenshot(page, 'journey-1-hover-invalid-client');
	}],
	['2. paste a raw 401 with a Bearer invalid_token challenge into a new untitled file: Problems panel', async page => {
		await page.keyboard.press('Control+N');
		await page.locator('.tab.active', { hasText: 'Untitled' }).waitFor({ timeout: 15_000 });
		await page.locator('.monaco-editor .view-lines').first().click();
		await page.keyboard.insertText('HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"\nContent-Length: 0\n');
		const rows = await until('our problem in the Problems panel', async () => {
			const r = await readProblems(page);
			return r.some(t => /invalid_token/.test(t) && /Token Error Help/.test(t)) ? r : undefined;
		});
		expectMatch(rows.join('\n'), /Invalid token/, 'the Problems panel');
		await screenshot(page, 'journey-2-problems-invalid-token');
	}],
	['3. run "Token Error Help: Explain Response" from the command palette: the report', async page => {
		await openFileFromExplorer(page, 'entra-invalid-client.http');
		await runCommand(page, 'Token Error Help: Explain Response');
		const report = await readReport(page, /invalid_client/);
		expectMatch(report, /invalid_client/, 'the report');
		expectMatch(report, /Most likely:[^]*secret/i, 'the report');
		expectMatch(report, /What to do next\s+Create a new secret/, 'the report');
		await screenshot(page, 'journey-3-explain-report');
	}],
	['4. Ctrl+. on a diagnostic and pick the preferred fix: GET becomes POST', async page => {
		await openFileFromExplorer(page, 'mistakes.http');
		await page.locator('.monaco-editor .view-line', { hasText: 'GET https://login.example.com' }).first().click({ position: { x: 12, y: 5 } });
		await waitForAnalysis(page);
		const item = page.locator('.action-widget').getByText('Change GET to POST').first();
		// Code actions may not be computed yet on the first Ctrl+.: close the menu and ask again.
		await until('the quick fix menu', async () => {
			await page.keyboard.press('Control+Period');
			try {
				await item.waitFor({ timeout: 3000 });
				return true;
			} catch {
				await page.keyboard.press('Escape');
				return false;
			}
		}, 90_000);
		await screenshot(page, 'journey-4-quick-fix-menu');
		await item.click();
		const text = await until('the edited request line', async () => {
			const t = await editorText(page);
			return /POST https:\/\/login\.example\.com\/oauth2\/token\?grant_type=client_credentials/.test(t) ? t : undefined;
		});
		if (/GET https:\/\/login\.example\.com\/oauth2\/token\?grant_type/.test(text)) throw new Error('the GET line is still there');
		await screenshot(page, 'journey-4-quick-fix-applied');
	}],
	['5. hover AADSTS7000215 in a log file: the Entra entry', async page => {
		await openFileFromExplorer(page, 'service.log');
		await waitForAnalysis(page);
		const hover = await hoverWord(page, 'AADSTS7000215', { expect: /Entra lookup for AADSTS7000215/ });
		expectMatch(hover, /Invalid client secret/, 'the hover');
		await screenshot(page, 'journey-5-hover-aadsts');
	}],
	['6. a REST Client style .http file with requests and variables shows no false problems', async page => {
		await openFileFromExplorer(page, 'rest-client-no-errors.http');
		await page.locator('.monaco-editor .view-line', { hasText: 'List orders' }).first().waitFor({ timeout: 15_000 });
		const rows = await readProblems(page);
		const ours = rows.filter(t => /rest-client-no-errors/.test(t));
		if (ours.length) throw new Error(`unexpected problems: ${ours.join(' | ')}`);
		if ((await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count()) > 0) throw new Error('squiggles in the file');
		await screenshot(page, 'journey-6-rest-client-clean');
	}],
	['7. an Entra invalid_grant answering a refresh_token request: hover and report lead with the refresh-token cause and its steps only', async page => {
		// Every check runs (hover and report), so a failure says all that is wrong at once.
		const failures = [];
		const check = fn => {
			try {
				fn();
			} catch (error) {
				failures.push(error instanceof Error ? error.message : String(error));
			}
		};
		await openFileFromExplorer(page, 'entra-refresh.http');
		await waitForAnalysis(page);
		const hover = await hoverWord(page, 'invalid_grant', { expect: /What to do:/ });
		await scrollHoverTo(page, 'Invalid grant (Entra) ·'); // our block, below the Problems entry
		await screenshot(page, 'journey-7-hover-refresh-invalid-grant');
		// Our hover block (the Problems entry may sit above it, with the same "Most likely").
		check(() => {
			const ours = section(hover, /Invalid grant \(Entra\) ·/, /\n\s*(?:Explain Response|View Problem|Quick Fix)\b/, 'the hover');
			const likely = section(ours, /Most likely:/, /\n/, 'the hover');
			expectMatch(likely, /^Most likely:\s*Refresh token[^\n]*(?:inactiv|expired)/i, 'the hover\'s most likely cause');
			if (ours.search(/Most likely:/) > ours.search(/What to do:/)) throw new Error('the hover shows its steps before the most likely cause');
			expectRefreshSteps(section(ours, /What to do:/, /\n\s*(?:If not that:|HTTP \d{3})/, 'the hover'), 'the hover');
		});

		await page.keyboard.press('Escape'); // close the hover
		await runCommand(page, 'Token Error Help: Explain Response');
		const report = await readReport(page, /invalid_grant/);
		await screenshot(page, 'journey-7-report-refresh-invalid-grant');
		check(() => {
			const heading = section(report, /invalid_grant/, /\n\s*What to do next/, 'the report');
			expectMatch(heading, /Most likely:\s*Refresh token[^\n]*kind refresh-token-expired/i, 'the report\'s most likely cause');
		});
		check(() => expectRefreshSteps(section(report, /What to do next/, /\n\s*(?:If not that|What happened)/, 'the report'), 'the report'));
		if (failures.length) throw new Error(failures.join(' | '));
	}, { examples: ['entra-refresh.http'] }],
];

async function main() {
	await ensureRealVscode();
	const work = mkdtempSync(join(tmpdir(), 'teh-journeys-'));
	const extensionsDir = join(work, 'extensions');
	await installVsix(values.vsix, extensionsDir);
	let passed = 0;
	let failed = 0;
	try {
		for (const [index, [name, journey, { examples = [] } = {}]] of journeys.entries()) {
			if (values.only && !values.only.split(',').includes(String(index + 1))) continue;
			// Each journey starts from a fresh profile and a fresh copy of the fixtures, as a new user would.
			const folder = join(work, `workspace-${index}`);
			cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
			for (const file of examples) cpSync(join(REPO_ROOT, 'examples', file), join(folder, file));
			const server = await startCodeServer({ extensionsDir, userDataDir: join(work, `user-${index}`), folder, settings: { 'workbench.editor.empty.hint': 'hidden' } });
			const { browser, page } = await openWorkbench(server.url, folder);
			try {
				await journey(page);
				passed++;
				console.log(`  ✓ ${name}`);
			} catch (error) {
				failed++;
				console.log(`  ✗ ${name}\n      ${error instanceof Error ? error.message.split('\n')[0] : error}`);
				await screenshot(page, `failed-journey-${index + 1}`).catch(() => undefined);
				console.log(`      code-server log: ${tail(server.logFile, 5).replace(/\n/g, '\n      ')}`);
			} finally {
				await browser.close();
				await server.stop();
			}
		}
	} finally {
		rmSync(work, { recursive: true, force: true });
	}
	console.log(`${passed} passed, ${failed} failed`);
	process.exitCode = failed ? 1 : 0;
}

main().catch(error => {
	console.error(`User journeys could not run: ${error instanceof Error ? error.message : error}`);
	process.exitCode = 1;
});
