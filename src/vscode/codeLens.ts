import * as vscode from 'vscode';
import { hasContent } from '../core';
import { AnalysisCache, toRange } from './analysisCache';
import { affectsUs, readConfig } from './config';
import { Commands } from './constants';

/** "Explain Response" above each recognised response in .http and untitled documents. */
export class ExplainCodeLens implements vscode.CodeLensProvider {
	readonly #onDidChange = new vscode.EventEmitter<void>();
	readonly onDidChangeCodeLenses = this.#onDidChange.event;

	constructor(private readonly cache: AnalysisCache) {}

	refresh(): void {
		this.#onDidChange.fire();
	}

	provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
		if (!readConfig(document).codeLensEnabled) return [];
		const analysis = this.cache.get(document);
		if (!analysis) return [];
		return analysis.messages
			.filter(m => m.kind !== 'request' && hasContent(m) && (m.errors.length || m.vendorCodes.length || (m.status ?? 0) >= 400))
			.slice(0, 200)
			.map(m => new vscode.CodeLens(toRange(document, { start: m.span.start, end: m.span.start }), {
				title: '$(question) Explain Response',
				command: Commands.explainResponse,
				arguments: [document.uri.toString(), m.span.start],
			}));
	}
}

/** Registers the CodeLens for `http` documents and untitled documents. */
export function registerCodeLens(cache: AnalysisCache): vscode.Disposable {
	const provider = new ExplainCodeLens(cache);
	return vscode.Disposable.from(
		vscode.languages.registerCodeLensProvider([{ language: 'http' }, { scheme: 'untitled' }], provider),
		vscode.workspace.onDidChangeConfiguration(e => { if (affectsUs(e)) provider.refresh(); }),
	);
}
