import * as assert from 'node:assert/strict';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { bundledService, type Analysis, type TokenErrorService } from '../../src/core';
import { parseArgs, UsageError } from '../../src/cli/args';
import { AnalysedDocuments, applyChanges } from '../../src/lsp/documents';
import { scrubberFor, visible } from '../../src/lsp/safeText';
import { DEFAULT_SETTINGS, readSettings } from '../../src/lsp/settings';
import { snippetToText } from '../../src/lsp/snippet';

// The language server's own pieces, without a process (test/lsp/ runs the server itself).

suite('lsp: snippet syntax to plain text', () => {
	const cases: Array<[string, string]> = [
		['grant_type=${1|authorization_code,client_credentials,refresh_token|}&', 'grant_type=authorization_code&'],
		['&code_verifier=${1:code_verifier}', '&code_verifier=code_verifier'],
		['POST ${1:https://idp/token}\ngrant_type=${2:authorization_code}&code=${3:CODE}$0', 'POST https://idp/token\ngrant_type=authorization_code&code=CODE'],
		['a $1 b ${2} c', 'a  b  c'],
		['${1:outer ${2:inner} end}', 'outer inner end'],
		['price: \\$5 \\} \\\\ done', 'price: $5 } \\ done'],
		['${1:a \\} b}', 'a } b'],
		['${1|one\\,two,three|}', 'one,two'],
		['${TM_FILENAME}-${UNKNOWN:fallback}-$HOME', 'TM_FILENAME-fallback-HOME'],
		['${TM_FILENAME/(.*)/${1:/upcase}/g} after', 'TM_FILENAME after'],
		['cost $ 5 and ${ not a placeholder', 'cost $ 5 and ${ not a placeholder'],
		['${1:unclosed placeholder', 'unclosed placeholder'],
		['${1|a,b', 'a'],
		['plain text', 'plain text'],
		['', ''],
	];
	for (const [snippet, text] of cases) {
		test(JSON.stringify(snippet), () => assert.equal(snippetToText(snippet), text));
	}

	test('deep or unclosed nesting is read once, front to back', () => {
		const deep = '${1:'.repeat(50_000);
		assert.equal(snippetToText(deep), '${1:'.repeat(50_000 - 16));
		assert.equal(snippetToText(`${'${1:x'.repeat(20)}${'}'.repeat(20)}`), 'x'.repeat(16) + '${1:x'.repeat(4) + '}'.repeat(4));
	});

	test('every catalog snippet becomes text with no snippet syntax left', () => {
		let count = 0;
		for (const entry of bundledService().catalog.entries) {
			for (const fix of entry.fixes) {
				if (!fix.snippet) continue;
				count++;
				const text = snippetToText(fix.snippet);
				assert.ok(!/\$\{?\d/.test(text), `${entry.id}: ${JSON.stringify(text)}`);
			}
		}
		assert.ok(count > 50, `${count} snippets`);
	});
});

suite('lsp: scrubbing what goes to the client', () => {
	const text = 'POST https://idp.example.com/token\nContent-Type: application/x-www-form-urlencoded\n\ngrant_type=refresh_token&refresh_token=UnitTestRefresh_7x*Q2&client_secret=UnitTestSecret-4kP9zz\n';
	const analysis = bundledService().analyze(text);

	test('the fixture\'s secrets are detected (else the checks below prove nothing)', () => {
		const found = analysis.messages.flatMap(m => m.secrets).map(s => text.slice(s.start, s.end));
		assert.ok(found.includes('UnitTestRefresh_7x*Q2') && found.includes('UnitTestSecret-4kP9zz'), JSON.stringify(found));
	});

	test('raw and Markdown-escaped copies become «redacted», the longest first', () => {
		const safe = scrubberFor(text, analysis);
		assert.equal(safe('token UnitTestRefresh_7x*Q2 and UnitTestSecret-4kP9zz.'), 'token «redacted» and «redacted».');
		assert.equal(safe('escaped: UnitTestRefresh_7x\\*Q2!'), 'escaped: «redacted»!');
		assert.equal(safe('nothing secret here'), 'nothing secret here');
		assert.equal(safe('UnitTestSecret-4kP9zzUnitTestSecret-4kP9zz'), '«redacted»«redacted»');
	});

	test('terminal controls and bidi characters become spaces; tabs and line feeds stay', () => {
		assert.equal(visible('a\u001b[31mb\u202ec\u2066d\u0007e\r\nf\tg\u0085h'), 'a [31mb c d e \nf\tg h');
		assert.equal(scrubberFor(text, analysis)('x\u202ey'), 'x y');
	});
});

suite('lsp: settings', () => {
	test('maxDocumentSize from initializationOptions or VS Code-style settings; bad values ignored', () => {
		assert.equal(DEFAULT_SETTINGS.maxDocumentSize, 5_000_000);
		assert.equal(readSettings({ maxDocumentSize: 10 }).maxDocumentSize, 10);
		assert.equal(readSettings({ tokenErrorHelp: { maxDocumentSize: 0 } }).maxDocumentSize, 0);
		for (const bad of [undefined, null, 'x', [], { maxDocumentSize: -1 }, { maxDocumentSize: '5' }, { maxDocumentSize: Infinity }]) {
			assert.equal(readSettings(bad, { maxDocumentSize: 7 }).maxDocumentSize, 7, JSON.stringify(bad));
		}
	});
});

suite('lsp: incremental sync and re-analysis', () => {
	const base = 'HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n{"error":"invalid_grant"}\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer error="invalid_token"\n';

	test('applyChanges folds sequential LSP changes into one change of the old text', () => {
		const doc = TextDocument.create('file:///a', 'plaintext', 1, 'abcdefghij');
		const changes: TextDocumentContentChangeEvent[] = [
			{ range: { start: { line: 0, character: 2 }, end: { line: 0, character: 4 } }, text: 'XYZ' }, // ab XYZ efghij
			{ range: { start: { line: 0, character: 8 }, end: { line: 0, character: 9 } }, text: '' }, // abXYZefg ij
		];
		const { document, change } = applyChanges(doc, changes, 2);
		assert.equal(document.getText(), 'abXYZefgij');
		assert.equal(document.version, 2);
		assert.deepEqual(change, { start: 2, oldEnd: 8, newEnd: 8 });
		assert.equal(applyChanges(TextDocument.create('file:///b', 'plaintext', 1, 'x'), [{ text: 'whole' }], 2).change, null);
		assert.equal(applyChanges(TextDocument.create('file:///c', 'plaintext', 1, 'x'), [], 2).change, undefined);
	});

	/** The real service, counting which of its analyses ran. */
	function countingService() {
		const real = bundledService();
		const calls = { analyze: 0, reanalyze: 0 };
		const service: TokenErrorService = {
			...real,
			analyze: text => { calls.analyze++; return real.analyze(text); },
			reanalyze: (previous, text, change) => { calls.reanalyze++; return real.reanalyze(previous, text, change); },
		};
		return { service, calls, real };
	}
	const findings = (a: Analysis) => a.messages.flatMap(m => m.findings.map(f => [f.rule, f.span.start, f.span.end, f.message]));

	test('edits since the cached version are re-analysed incrementally and give the same analysis as a full one', () => {
		const { service, calls, real } = countingService();
		const store = new AnalysedDocuments(service, () => DEFAULT_SETTINGS);
		// What TextDocuments calls on didOpen and didChange.
		const config = store.configuration;
		let doc = config.create('file:///d.http', 'http', 1, base);
		store.analysis(doc);
		assert.deepEqual(calls, { analyze: 1, reanalyze: 0 });
		const at = (needle: string) => doc.positionAt(doc.getText().indexOf(needle));
		doc = config.update(doc, [{ range: { start: at('invalid_grant'), end: at('invalid_grant') }, text: 'x' }], 2);
		doc = config.update(doc, [{ range: { start: at('invalid_token'), end: doc.positionAt(doc.getText().indexOf('invalid_token') + 13) }, text: 'insufficient_scope' }], 3);
		const incremental = store.analysis(doc)!;
		assert.deepEqual(calls, { analyze: 1, reanalyze: 1 });
		assert.deepEqual(findings(incremental), findings(real.analyze(doc.getText())));
		assert.ok(findings(incremental).some(f => f[0] === 'unknown-code'), 'xinvalid_grant is an unknown code now');
		assert.equal(store.analysis(doc), incremental, 'one analysis per version');

		// A replaced whole text, or a version the cache never saw, means a full analysis.
		doc = config.update(doc, [{ text: base }], 4);
		store.analysis(doc);
		assert.deepEqual(calls, { analyze: 2, reanalyze: 1 });
	});

	test('a document over maxDocumentSize is not analysed', () => {
		const { service, calls } = countingService();
		const store = new AnalysedDocuments(service, () => ({ maxDocumentSize: 10 }));
		const doc = TextDocument.create('file:///big', 'plaintext', 1, base);
		assert.equal(store.isTooLarge(doc), true);
		assert.equal(store.analysis(doc), undefined);
		assert.deepEqual(calls, { analyze: 0, reanalyze: 0 });
	});
});

suite('lsp: command line', () => {
	test('lsp takes --stdio and the client process id, nothing else', () => {
		assert.equal(parseArgs(['lsp', '--stdio']).command, 'lsp');
		assert.equal(parseArgs(['lsp']).command, 'lsp');
		assert.equal(parseArgs(['lsp', '--stdio', '--clientProcessId=42']).command, 'lsp');
		assert.equal(parseArgs(['lsp', '--clientProcessId', '42', '--stdio']).command, 'lsp');
		for (const bad of [['lsp', '--socket=9000'], ['lsp', '--pipe', 'x'], ['lsp', '--node-ipc'], ['lsp', 'file.txt']]) {
			assert.throws(() => parseArgs(bad), UsageError, bad.join(' '));
		}
	});
});
