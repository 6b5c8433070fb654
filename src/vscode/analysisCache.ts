import * as vscode from 'vscode';
import { analyze, type Analysis, type Catalog } from '../core/engine';
import type { CatalogService } from './catalogService';
import { readConfig } from './config';

/** An analysis and the catalog it was made with (hovers and reports look entries up in the same one). */
export interface DocumentAnalysis {
	analysis: Analysis;
	catalog: Catalog;
}

/** One analysis per (document, version): hover, diagnostics, code actions and commands all read it. */
export class AnalysisCache implements vscode.Disposable {
	readonly #entries = new Map<string, DocumentAnalysis & { version: number }>();
	readonly #subscriptions: vscode.Disposable[] = [];

	constructor(private readonly catalogs: CatalogService) {
		this.#subscriptions.push(
			vscode.workspace.onDidCloseTextDocument(doc => this.#entries.delete(doc.uri.toString())),
			catalogs.onDidChange(() => this.clear()),
		);
	}

	/**
	 * The analysis of the document's current version, once the catalog is loaded;
	 * undefined when the document is over the size limit. Rejects when the
	 * catalog cannot be loaded (the user has been told).
	 */
	async get(document: vscode.TextDocument): Promise<DocumentAnalysis | undefined> {
		if (isTooLarge(document)) return undefined;
		const catalog = await this.catalogs.catalog();
		const key = document.uri.toString();
		const cached = this.#entries.get(key);
		if (cached && cached.version === document.version && cached.catalog === catalog) return cached;
		const entry = { version: document.version, analysis: analyze(document.getText(), { catalog }), catalog };
		if (!document.isClosed) this.#entries.set(key, entry);
		return entry;
	}

	/** Forgets every analysis (catalogs or settings changed). */
	clear(): void {
		this.#entries.clear();
	}

	dispose(): void {
		this.#entries.clear();
		vscode.Disposable.from(...this.#subscriptions).dispose();
	}
}

/** Documents above `tokenErrorHelp.maxDocumentSize` characters are not analysed. */
export function isTooLarge(document: vscode.TextDocument): boolean {
	const limit = readConfig(document).maxDocumentSize;
	return limit > 0 && document.offsetAt(new vscode.Position(document.lineCount, 0)) > limit;
}

/** Converts a core span to an editor range. */
export function toRange(document: vscode.TextDocument, span: { start: number; end: number }): vscode.Range {
	return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}
