import * as vscode from 'vscode';
import type { Catalog, Finding, FixData, HttpMessage } from '../core/engine';
import { AnalysisCache, toRange } from './analysisCache';
import { Commands, DIAGNOSTIC_SOURCE } from './constants';
import { pushAll } from '../core/arrays';

/** Quick fixes tied to our diagnostics: the fixes each finding carries, catalog snippets, and "Explain". */
export class TokenErrorCodeActions implements vscode.CodeActionProvider {
	static readonly kinds = [vscode.CodeActionKind.QuickFix];

	constructor(private readonly cache: AnalysisCache) {}

	async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
		const ours = context.diagnostics.filter(d => d.source === DIAGNOSTIC_SOURCE);
		if (!ours.length) return [];
		const result = await this.cache.get(document).catch(() => undefined);
		if (!result) return [];
		const { analysis, service } = result;
		const actions: vscode.CodeAction[] = [];
		const explained = new Set<HttpMessage>();
		for (const diagnostic of ours) {
			const match = findFinding(document, analysis.messages, diagnostic);
			if (!match) continue;
			const { finding, message } = match;
			for (const fix of finding.fixes ?? []) actions.push(this.#fixAction(document, fix, diagnostic));
			if (finding.entryId) pushAll(actions, this.#catalogSnippets(document, service.catalog, message, finding, diagnostic));
			if (!explained.has(message)) {
				explained.add(message);
				const explain = new vscode.CodeAction('Explain this response', vscode.CodeActionKind.QuickFix);
				explain.command = { command: Commands.explainResponse, title: 'Explain this response', arguments: [document.uri.toString(), message.span.start] };
				explain.diagnostics = [diagnostic];
				actions.push(explain);
			}
		}
		return actions;
	}

	#fixAction(document: vscode.TextDocument, fix: FixData, diagnostic: vscode.Diagnostic): vscode.CodeAction {
		const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
		const edit = new vscode.WorkspaceEdit();
		const edits = fix.edits.map(e => e.snippet
			? new vscode.SnippetTextEdit(toRange(document, e.span), new vscode.SnippetString(e.text))
			: new vscode.TextEdit(toRange(document, e.span), redactionText(document, e.text)));
		edit.set(document.uri, edits as vscode.TextEdit[]);
		action.edit = edit;
		action.diagnostics = [diagnostic];
		action.isPreferred = !!fix.preferred;
		return action;
	}

	/** A catalog entry's snippet fixes, inserted on a new line after the message. */
	#catalogSnippets(document: vscode.TextDocument, catalog: Catalog, message: HttpMessage, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
		const entry = catalog.byId(finding.entryId!);
		if (!entry) return [];
		const at = document.positionAt(message.span.end);
		return entry.fixes.filter(f => f.snippet).slice(0, 2).map(f => {
			const action = new vscode.CodeAction(`Insert fix: ${f.text.length > 60 ? `${f.text.slice(0, 59)}…` : f.text}`, vscode.CodeActionKind.QuickFix);
			const edit = new vscode.WorkspaceEdit();
			edit.set(document.uri, [new vscode.SnippetTextEdit(new vscode.Range(at, at), new vscode.SnippetString(`\n${f.snippet}`))] as unknown as vscode.TextEdit[]);
			action.edit = edit;
			action.diagnostics = [diagnostic];
			return action;
		});
	}
}

/** In .http files a redacted secret becomes a {{variable}}; elsewhere the marker stays. */
function redactionText(document: vscode.TextDocument, text: string): string {
	const marker = /^«redacted:([a-z_]+)»$/.exec(text);
	if (!marker || document.languageId !== 'http') return text;
	return `{{${marker[1].replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase())}}}`;
}

function findFinding(document: vscode.TextDocument, messages: readonly HttpMessage[], diagnostic: vscode.Diagnostic): { finding: Finding; message: HttpMessage } | undefined {
	const rule = typeof diagnostic.code === 'object' ? String(diagnostic.code.value) : String(diagnostic.code);
	const start = document.offsetAt(diagnostic.range.start);
	const end = document.offsetAt(diagnostic.range.end);
	for (const message of messages) {
		const finding = message.findings.find(f => f.rule === rule && f.span.start === start && f.span.end === end);
		if (finding) return { finding, message };
	}
	return undefined;
}

/** Registers the quick-fix provider for every document. */
export function registerCodeActions(cache: AnalysisCache): vscode.Disposable {
	return vscode.languages.registerCodeActionsProvider('*', new TokenErrorCodeActions(cache), { providedCodeActionKinds: TokenErrorCodeActions.kinds });
}
