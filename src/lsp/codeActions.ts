import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit, type WorkspaceEdit } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, FixData, HttpMessage, TokenErrorService } from '../core';
import { Commands, DIAGNOSTIC_SOURCE } from './constants';
import { toRange } from './diagnostics';
import type { AnalysedDocuments } from './documents';
import { scrubberFor, type Scrubber } from './safeText';
import { snippetToText } from './snippet';

/** What the client said it can take. */
export interface EditSupport {
	/** `documentChanges` (versioned edits, refused by the client when the document moved on) rather than `changes`. */
	documentChanges: boolean;
}

/**
 * Quick fixes for our diagnostics in the request: each finding's own fixes, the catalog entry's
 * fix snippets (inserted after the message), and "Explain this response" (the explain command).
 * Snippet edits become plain text. Without any of our diagnostics, the message at the start of
 * the range still gets "Explain this response".
 */
export function codeActions(service: TokenErrorService, store: AnalysedDocuments, params: CodeActionParams, support: EditSupport): CodeAction[] {
	const only = params.context.only;
	if (only && !only.some(kind => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`))) return [];
	const document = store.get(params.textDocument.uri);
	const analysis = document && store.analysis(document);
	if (!document || !analysis) return [];
	const safe = scrubberFor(document.getText(), analysis);
	const actions: CodeAction[] = [];
	const explained = new Set<HttpMessage>();
	const explain = (message: HttpMessage, diagnostics?: Diagnostic[]) => {
		if (explained.has(message)) return;
		explained.add(message);
		actions.push({
			title: 'Explain this response',
			kind: CodeActionKind.QuickFix,
			diagnostics,
			command: { title: 'Explain this response', command: Commands.explain, arguments: [document.uri, message.span.start] },
		});
	};
	for (const diagnostic of params.context.diagnostics) {
		if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
		const match = findFinding(document, analysis, diagnostic);
		if (!match) continue;
		const { finding, message } = match;
		for (const fix of finding.fixes ?? []) actions.push(fixAction(document, fix, diagnostic, support, safe));
		if (finding.entryId) actions.push(...catalogSnippets(service, document, message, finding, diagnostic, support, safe));
		explain(message, [diagnostic]);
	}
	if (!explained.size) {
		const message = service.messageAt(analysis, document.offsetAt(params.range.start));
		if (message) explain(message);
	}
	return actions;
}

function fixAction(document: TextDocument, fix: FixData, diagnostic: Diagnostic, support: EditSupport, safe: Scrubber): CodeAction {
	const edits = fix.edits.map(e => ({ range: toRange(document, e.span), newText: e.snippet ? snippetToText(e.text) : redactionText(document, e.text) }));
	return { title: safe(fix.title), kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: !!fix.preferred, edit: workspaceEdit(document, edits, support) };
}

/** The catalog entry's fix snippets (two at most), each on a new line after the message. */
function catalogSnippets(service: TokenErrorService, document: TextDocument, message: HttpMessage, finding: Finding, diagnostic: Diagnostic, support: EditSupport, safe: Scrubber): CodeAction[] {
	const entry = service.catalog.byId(finding.entryId!);
	if (!entry) return [];
	const at = document.positionAt(message.span.end);
	return entry.fixes.filter(f => f.snippet).slice(0, 2).map(f => ({
		title: safe(`Insert fix: ${f.text.length > 60 ? `${f.text.slice(0, 59)}…` : f.text}`),
		kind: CodeActionKind.QuickFix,
		diagnostics: [diagnostic],
		edit: workspaceEdit(document, [{ range: { start: at, end: at }, newText: `\n${snippetToText(f.snippet!)}` }], support),
	}));
}

function workspaceEdit(document: TextDocument, edits: TextEdit[], support: EditSupport): WorkspaceEdit {
	return support.documentChanges
		? { documentChanges: [{ textDocument: { uri: document.uri, version: document.version }, edits }] }
		: { changes: { [document.uri]: edits } };
}

/** In `.http` documents a redacted secret becomes a `{{variable}}` (REST Client and httpYac syntax); elsewhere the marker stays. */
function redactionText(document: TextDocument, text: string): string {
	if (document.languageId !== 'http' || !text.startsWith('«redacted:') || !text.endsWith('»')) return text;
	const kind = text.slice('«redacted:'.length, -1);
	if (!/^[a-z_]+$/.test(kind)) return text;
	return `{{${kind.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}}}`;
}

/**
 * The finding a diagnostic of ours stands for: same rule, same range; else the only finding with
 * that rule on the same lines. Some clients send the range back changed: Neovim 0.7 turns the
 * columns of stored diagnostics into byte counts, which differ after non-ASCII text on the line.
 */
function findFinding(document: TextDocument, analysis: Analysis, diagnostic: Diagnostic): { finding: Finding; message: HttpMessage } | undefined {
	const rule = String(diagnostic.code);
	const start = document.offsetAt(diagnostic.range.start);
	const end = document.offsetAt(diagnostic.range.end);
	const sameLines: Array<{ finding: Finding; message: HttpMessage }> = [];
	for (const message of analysis.messages) {
		for (const finding of message.findings) {
			if (finding.rule !== rule) continue;
			if (finding.span.start === start && finding.span.end === end) return { finding, message };
			if (document.positionAt(finding.span.start).line === diagnostic.range.start.line && document.positionAt(finding.span.end).line === diagnostic.range.end.line) {
				sameLines.push({ finding, message });
			}
		}
	}
	return sameLines.length === 1 ? sameLines[0] : undefined;
}
