import * as vscode from 'vscode';
import { hasContent } from '../core/engine';
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

	async provideCodeLenses(document: vscode.TextDocument): Promise<vscode.CodeLens[]> {
		if (!readConfig(document).codeLensEnabled) return [];
		const result = await this.cache.get(document).catch(() => undefined);
		if (!result) return [];
		return result.analysis.messages
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
export function registerCodeLens(cache: AnalysisCache, onCatalogChange: vscode.Event<void>): vscode.Disposable {
	const provider = new ExplainCodeLens(cache);
	return vscode.Disposable.from(
		vscode.languages.registerCodeLensProvider([{ language: 'http' }, { scheme: 'untitled' }], provider),
		vscode.workspace.onDidChangeConfiguration(e => { if (affectsUs(e)) provider.refresh(); }),
		onCatalogChange(() => provider.refresh()),
	);
}
