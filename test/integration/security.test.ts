import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { logFiles, waitForExtensionLog } from '../fixtures/security/logs';
import { assertInertMarkdown, assertNoLeaks, CANARIES, EXPLAIN_COMMAND } from '../fixtures/security/securityChecks';
import { closeAll, ours, ruleOf, waitForActivation, waitForDiagnostics } from './helpers';

// Issue 5, security, in the real VS Code: hostile pasted text stays inert in hovers and in the
// Explain Response report, and canary secrets (test/fixtures/security) reach no hover, problem,
// quick fix, CodeLens, report, redacted report or log. The unit tests (test/unit/security.test.ts)
// sweep the same fixtures in the core; here the editor's own commands produce what a user sees.

/** A file of test/fixtures/security, beside the fixture workspace. */
function securityFixture(name: string): vscode.Uri {
	const folder = vscode.workspace.workspaceFolders?.[0];
	assert.ok(folder, 'the fixture workspace must be open');
	return vscode.Uri.joinPath(folder.uri, '..', 'security', name);
}

async function open(uri: vscode.Uri): Promise<vscode.TextDocument> {
	const doc = await vscode.workspace.openTextDocument(uri);
	await vscode.window.showTextDocument(doc);
	return doc;
}

/** The hovers at each offset, as VS Code hands them to the editor (every provider, in parallel batches). */
async function hoversAt(doc: vscode.TextDocument, offsets: readonly number[]): Promise<Array<{ offset: number; contents: vscode.MarkdownString[] }>> {
	const out: Array<{ offset: number; contents: vscode.MarkdownString[] }> = [];
	for (let i = 0; i < offsets.length; i += 64) {
		const batch = offsets.slice(i, i + 64);
		const results = await Promise.all(batch.map(offset => vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, doc.positionAt(offset))));
		results.forEach((hovers, j) => {
			// Plain strings and { language, value } blocks are never trusted; wrapping them keeps that.
			const contents = hovers.flatMap(h => h.contents).map(c => typeof c === 'string' ? new vscode.MarkdownString(c) : c instanceof vscode.MarkdownString ? c : new vscode.MarkdownString(c.value));
			if (contents.length) out.push({ offset: batch[j], contents });
		});
	}
	return out;
}

/** Waits (bounded) until the document has a hover at `offset`: the first one may wait for the catalog. */
async function firstHover(doc: vscode.TextDocument, offset: number): Promise<void> {
	const deadline = Date.now() + 15_000;
	while ((await hoversAt(doc, [offset])).length === 0) {
		if (Date.now() > deadline) throw new Error(`no hover at offset ${offset} of ${doc.uri.toString()} within 15 s`);
		await new Promise(r => setTimeout(r, 100));
	}
}

/** Asserts a hover's Markdown is trusted for our explain command only, without HTML, and inert. */
function assertHoverInert(md: vscode.MarkdownString, label: string): void {
	const trusted = md.isTrusted;
	assert.ok(trusted === undefined || trusted === false || (typeof trusted === 'object' && JSON.stringify(trusted.enabledCommands) === JSON.stringify([EXPLAIN_COMMAND])),
		`${label}: isTrusted ${JSON.stringify(trusted)}`);
	assert.ok(!md.supportHtml, `${label}: supportHtml`);
	assertInertMarkdown(md.value, label, { allowExplainCommand: typeof trusted === 'object', maxLength: 5_000 });
}

/** Renders Markdown with VS Code's own Markdown engine (the one behind the report preview) and checks the HTML. */
async function assertRendersInert(md: string, label: string, allowExplainCommand: boolean): Promise<void> {
	const html = await vscode.commands.executeCommand<string>('markdown.api.render', md);
	assert.equal(typeof html, 'string', 'markdown.api.render answers');
	const allowedTags = new Set(['p', 'strong', 'em', 'code', 'pre', 'ul', 'ol', 'li', 'a', 'h1', 'h2', 'h3', 'h4', 'hr', 'br', 'blockquote', 'span']);
	const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map(m => m[1].toLowerCase());
	assert.deepEqual(tags.filter(t => !allowedTags.has(t)), [], `${label}: HTML elements in the rendering`);
	for (const [, href] of html.matchAll(/\b(?:href|src)="([^"]*)"/g)) {
		const ok = /^https:\/\//.test(href) || /^mailto:/.test(href) || (allowExplainCommand && href.startsWith(`command:${EXPLAIN_COMMAND}?`));
		assert.ok(ok, `${label}: a rendered link to ${href.slice(0, 80)}`);
	}
}

interface ExplainResult { uri: string; markdown: string }

/** Explain Response at an offset (as the hover link and CodeLens call it); the report document must match. */
async function explainAt(doc: vscode.TextDocument, offset: number): Promise<string> {
	const result = await vscode.commands.executeCommand<ExplainResult>('tokenErrorHelp.explainResponse', doc.uri.toString(), offset);
	assert.ok(result, 'Explain Response returns its report');
	const report = await vscode.workspace.openTextDocument(vscode.Uri.parse(result.uri));
	assert.equal(report.uri.scheme, 'token-error-help-report');
	assert.equal(report.getText(), result.markdown);
	return result.markdown;
}

/** Explain Response over a selection of the whole document. */
async function explainAll(doc: vscode.TextDocument): Promise<string> {
	const editor = await vscode.window.showTextDocument(doc);
	editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(doc.getText().length));
	const result = await vscode.commands.executeCommand<ExplainResult>('tokenErrorHelp.explainResponse');
	editor.selection = new vscode.Selection(0, 0, 0, 0);
	assert.ok(result, 'Explain Response returns its report');
	return result.markdown;
}

/** Copy Redacted Report for the last report; the clipboard text once it has changed (the web clipboard is asynchronous). */
async function copiedRedactedReport(): Promise<string> {
	const marker = `(before copy ${Date.now()})`;
	await vscode.env.clipboard.writeText(marker);
	assert.equal(await vscode.commands.executeCommand('tokenErrorHelp.copyRedactedReport'), true);
	for (let i = 0; i < 100; i++) {
		const text = await vscode.env.clipboard.readText();
		if (text !== marker) return text;
		await new Promise(r => setTimeout(r, 50));
	}
	throw new Error('the redacted report never reached the clipboard');
}

/** Offsets where each message of the document starts (the status or request line), for per-message reports. */
function messageOffsets(text: string): number[] {
	return [...text.matchAll(/^(?:HTTP\/\S+ \d{3}|(?:GET|POST) \S+|\d{4}-\d\d-\d\dT\S+ ERROR|https:\/\/app\.example\.com\/callback)/gm)].map(m => m.index);
}

const range = (start: number, end: number): number[] => Array.from({ length: Math.max(0, end - start) }, (_, i) => start + i);

suite('Security', function () {
	this.timeout(180_000);
	suiteSetup(waitForActivation);
	teardown(closeAll);

	suite('hostile pasted text stays inert', () => {
		test('hovers at every offset: trusted for our explain command only, no live link, scheme or HTML', async () => {
			const doc = await open(securityFixture('hostile.http'));
			const text = doc.getText();
			await firstHover(doc, text.indexOf('invalid_grant') + 2);
			const found = await hoversAt(doc, range(0, text.length + 1));
			const ourHovers = found.flatMap(h => h.contents.map(md => ({ offset: h.offset, md }))).filter(({ md }) => md.value.includes(`command:${EXPLAIN_COMMAND}?`));
			// The fixture reaches an unknown code, a challenge, a secret and catalog entries: each kind is checked.
			for (const kind of ['Unknown error code', 'WWW-Authenticate challenge', 'An access token', 'Invalid grant']) {
				assert.ok(ourHovers.some(({ md }) => md.value.startsWith(`**${kind}`)), `a "${kind}" hover`);
			}
			for (const { offset, contents } of found) {
				for (const md of contents) assertHoverInert(md, `hover at ${doc.positionAt(offset).line + 1}:${doc.positionAt(offset).character + 1}`);
			}
			for (const { md } of ourHovers) assert.deepEqual(md.isTrusted, { enabledCommands: [EXPLAIN_COMMAND] }, 'our hover enables exactly our command');
			const distinct = [...new Map(ourHovers.map(({ md }) => [md.value.replace(/command:[^)]*/, ''), md.value])).values()];
			for (const value of distinct) await assertRendersInert(value, value.slice(0, 60), true);
		});

		test('the Explain Response report and the redacted report are inert', async () => {
			const doc = await open(securityFixture('hostile.http'));
			const reports = [await explainAll(doc)];
			for (const offset of messageOffsets(doc.getText())) reports.push(await explainAt(doc, offset));
			assert.ok(reports.length >= 7, `${reports.length} reports`);
			for (const md of reports) {
				assertInertMarkdown(md, 'report');
				await assertRendersInert(md, 'report', false);
			}
			assert.ok(reports[0].includes('<img src=x onerror=alert(1)>'), 'the hostile text is shown (in a code span)');

			const copied = await copiedRedactedReport();
			const fenced = /\n(`{3,})text\n([\s\S]*)\n\1\n$/.exec(copied);
			assert.ok(fenced, 'the redacted input sits in one code fence at the end');
			const longestRun = Math.max(0, ...[...fenced[2].matchAll(/`+/g)].map(m => m[0].length));
			assert.ok(fenced[1].length > longestRun, 'no backtick run inside can close the fence');
			assertInertMarkdown(copied.slice(0, fenced.index), 'redacted report');
		});

		test('a 1 MB hostile error_description: hovers and report stay bounded and inert', async () => {
			const filler = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> `tick` javascript:alert(1) data:text/html,x '.repeat(10_000).slice(0, 1 << 20);
			const content = `HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n${JSON.stringify({ error: 'invalid_grant', error_description: filler, error_uri: `javascript:${filler.slice(0, 1000)}` })}\n`;
			const doc = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
			await vscode.window.showTextDocument(doc);
			const at = content.indexOf('invalid_grant') + 2;
			await firstHover(doc, at);
			const offsets = [at, 0, 5, ...range(0, 40).map(i => Math.floor(content.length * i / 40))];
			for (const { offset, contents } of await hoversAt(doc, offsets)) {
				for (const md of contents) assertHoverInert(md, `hover at ${offset}`);
			}
			const md = await explainAt(doc, at);
			assertInertMarkdown(md, 'report of a 1 MB description', { maxLength: 20_000 });
			await assertRendersInert(md, 'report of a 1 MB description', false);
		});
	});

	suite('canary secrets never surface', () => {
		let doc: vscode.TextDocument;
		let text: string;
		/** Offsets inside every occurrence of every canary, and three characters either side. */
		let canaryOffsets: number[];

		suiteSetup(async () => {
			doc = await open(securityFixture('canaries.http'));
			text = doc.getText();
			const offsets = new Set<number>();
			for (const value of Object.values(CANARIES)) {
				for (let at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) for (const o of range(at - 3, at + value.length + 4)) offsets.add(o);
			}
			canaryOffsets = [...offsets].filter(o => o >= 0 && o <= text.length).sort((a, b) => a - b);
			await waitForDiagnostics(doc.uri, d => d.some(x => ruleOf(x) === 'secret-exposed'));
		});

		setup(async () => { await open(doc.uri); });

		test('hovers at every offset of each canary and around it', async () => {
			const found = await hoversAt(doc, canaryOffsets);
			assert.ok(found.length > 100, `${found.length} hovers over the canaries`);
			assertNoLeaks('hover', found.flatMap(h => h.contents.map(md => md.value)));
		});

		test('problems, quick fixes and CodeLenses', async () => {
			const diagnostics = ours(doc.uri);
			assert.ok(diagnostics.length >= 5, `${diagnostics.length} problems`);
			assertNoLeaks('diagnostics', diagnostics.flatMap(d => [d.message, ...(d.relatedInformation ?? []).map(r => r.message)]));
			const titles: string[] = [];
			const ranges = [...diagnostics.map(d => d.range), ...Object.values(CANARIES).map(v => text.indexOf(v)).filter(at => at >= 0).map(at => new vscode.Range(doc.positionAt(at), doc.positionAt(at + 1)))];
			for (const r of ranges) {
				const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, r);
				titles.push(...actions.flatMap(a => [a.title, a.command?.title ?? '']));
			}
			assert.ok(titles.some(t => /redact/i.test(t)), 'a redact quick fix is offered');
			assertNoLeaks('codeActions', titles);
			const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri, 10);
			assertNoLeaks('codeLens', lenses.map(l => `${l.command?.title ?? ''} ${JSON.stringify(l.command?.arguments ?? [])}`));
		});

		test('Explain Response reports and Copy Redacted Report', async () => {
			const reports: string[] = [];
			const redacted: string[] = [];
			reports.push(await explainAll(doc));
			redacted.push(await copiedRedactedReport());
			for (const offset of messageOffsets(text)) {
				reports.push(await explainAt(doc, offset));
				redacted.push(await copiedRedactedReport());
			}
			assert.ok(reports.length >= 6 && reports.every(r => r.startsWith('# Token Error Help')), `${reports.length} reports`);
			assert.ok(redacted.every(r => r.includes('## Redacted input')));
			assertNoLeaks('report', reports);
			assertNoLeaks('redactedReport', redacted);
		});

		test('logs: the extension reads the canary file as a catalog and still logs none of it', async () => {
			// A catalog setting pointing at the canary file makes the extension read it and log a problem about it.
			const config = vscode.workspace.getConfiguration('tokenErrorHelp');
			await config.update('catalogFiles', [doc.uri.fsPath], vscode.ConfigurationTarget.Global);
			try {
				const log = await waitForExtensionLog(content => content.includes('canaries.http'));
				assert.match(log, /not valid JSONC/);
			} finally {
				await config.update('catalogFiles', undefined, vscode.ConfigurationTarget.Global);
			}
			const files = logFiles();
			assert.ok(files.length > 3, `${files.length} log files`);
			assertNoLeaks('log', files.map(f => readFileSync(f, 'utf8')));
		});
	});
});
