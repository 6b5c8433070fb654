import * as vscode from 'vscode';
import { analyze, type Analysis, type CatalogEntry } from '../core';
import type { CatalogService } from './catalogService';
import { readConfig } from './config';

/** One analysis per (document, version): hover, diagnostics, code actions and commands all read it. */
export class AnalysisCache implements vscode.Disposable {
	readonly #entries = new Map<string, { version: number; analysis: Analysis; generation: number }>();
	readonly #subscriptions: vscode.Disposable[] = [];
	#generation = 0;

	constructor(private readonly catalogs: CatalogService) {
		this.#subscriptions.push(
			vscode.workspace.onDidCloseTextDocument(doc => this.#entries.delete(doc.uri.toString())),
			catalogs.onDidChange(() => this.clear()),
		);
	}

	/** The analysis of the document's current version, or undefined when it is over the size limit. */
	get(document: vscode.TextDocument): Analysis | undefined {
		if (isTooLarge(document)) return undefined;
		const key = document.uri.toString();
		const cached = this.#entries.get(key);
		if (cached && cached.version === document.version && cached.generation === this.#generation) return cached.analysis;
		const analysis = analyze(document.getText(), { catalog: this.catalogs.catalog });
		this.#entries.set(key, { version: document.version, analysis, generation: this.#generation });
		return analysis;
	}

	/** The catalog entry with this id, from the catalog in use. */
	catalogFor(id: string): CatalogEntry | undefined {
		return this.catalogs.catalog.byId(id);
	}

	/** Forgets every analysis (catalogs or settings changed). */
	clear(): void {
		this.#generation++;
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
