// Regenerates the README screenshots (images/hover.png, images/report.png) from the real
// extension in code-server, as indexed PNGs (they ship in the VSIX: small, yet sharp text).
// Usage: npm run package && node scripts/readmeScreenshots.mjs
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import UPNG from 'upng-js';
import { REPO_ROOT } from './realVscode/paths.mjs';
import { hoverWord, installVsix, openFileFromExplorer, openWorkbench, runCommand, startCodeServer } from './realVscode/server.mjs';
import { ensureRealVscode } from './realVscode/setup.mjs';

/* global document -- the callback of frame.evaluate runs in the page */

/** Waits until the Markdown preview (a webview frame) has rendered the report. */
async function waitForReport(page) {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		for (const frame of page.frames()) {
			const text = await frame.evaluate(() => document.body?.innerText ?? '').catch(() => '');
			if (/What to do next/.test(text)) return;
		}
		await new Promise(r => setTimeout(r, 250));
	}
	throw new Error('The report did not render within 30 s');
}

/**
 * Saves part of the page as images/<name>.png.
 * @param {import('playwright-core').Page} page
 * @param {string} name
 * @param {{ x: number, y: number, width: number, height: number }} clip
 */
async function save(page, name, clip) {
	writeFileSync(join(REPO_ROOT, 'images', `${name}.png`), indexedPng(await page.screenshot({ type: 'png', clip })));
}

/** The screenshot as an indexed PNG of 128 colours (upng-js quantises): about half a JPEG's size, with crisp text. */
function indexedPng(png) {
	const image = UPNG.decode(png.buffer.slice(png.byteOffset, png.byteOffset + png.byteLength));
	return Buffer.from(UPNG.encode(UPNG.toRGBA8(image), image.width, image.height, 128));
}

const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8'));
await ensureRealVscode();
const work = mkdtempSync(join(tmpdir(), 'teh-shots-'));
const folder = join(work, 'workspace');
cpSync(join(REPO_ROOT, 'test', 'fixtures', 'workspace'), folder, { recursive: true });
await installVsix(join(REPO_ROOT, `token-error-help-${version}.vsix`), join(work, 'ext'));
const server = await startCodeServer({ extensionsDir: join(work, 'ext'), userDataDir: join(work, 'user'), folder, settings: { 'workbench.editor.empty.hint': 'hidden'} });
const { browser, page } = await openWorkbench(server.url, folder, { viewport: { width: 1100, height: 640 } });
try {
	await openFileFromExplorer(page, 'entra-invalid-client.http');
	await page.keyboard.press('Control+B'); // hide the side bar: more room for the editor
	await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: 60_000 });
	await hoverWord(page, 'invalid_client', { expect: /What to do:/ });
	await save(page, 'hover', { x: 0, y: 30, width: 1100, height: 520 });
	await page.mouse.move(1, 1);
	await runCommand(page, 'Token Error Help: Explain Response');
	await page.locator('.tab', { hasText: 'Preview Token Error Help report' }).waitFor({ timeout: 30_000 });
	await waitForReport(page);
	await save(page, 'report', { x: 0, y: 30, width: 1100, height: 600 });
	console.log('Wrote images/hover.png and images/report.png');
} finally {
	await browser.close();
	await server.stop();
	rmSync(work, { recursive: true, force: true });
}
