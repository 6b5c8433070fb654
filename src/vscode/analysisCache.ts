import * as vscode from 'vscode';
import { combineChanges, type Analysis, type TextChange, type TokenErrorService } from '../core/engine';
import type { CatalogService } from './catalogService';
import { readConfig } from './config';

/** An analysis and the service that made it (hovers and reports read it through the same one). */
export interface DocumentAnalysis {
	analysis: Analysis;
	service: TokenErrorService;
}

/** A cached analysis, and the edits made to its document since (one envelope, in offsets). */
interface Entry extends DocumentAnalysis {
	version: number;
	/** The document version the pending change reaches, and the change from `version` to it. */
	pending?: { version: number; change: TextChange };
}

/**
 * One analysis per (document, version): hover, diagnostics, code actions and
 * commands all read it. Edits are followed as they happen, so that the next
 * analysis re-analyses only the messages near them (see `reanalyze`).
 */
export class AnalysisCache implements vscode.Disposable {
	readonly #entries = new Map<string, Entry>();
	readonly #subscriptions: vscode.Disposable[] = [];

	constructor(private readonly catalogs: CatalogService) {
		this.#subscriptions.push(
			vscode.workspace.onDidCloseTextDocument(doc => this.#entries.delete(doc.uri.toString())),
			vscode.workspace.onDidChangeTextDocument(event => this.#track(event)),
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
		const service = await this.catalogs.service();
		const key = document.uri.toString();
		const cached = this.#entries.get(key);
		if (cached && cached.version === document.version && cached.service === service) return cached;
		const text = document.getText();
		const incremental = cached && cached.service === service && cached.pending?.version === document.version;
		const analysis = incremental ? service.reanalyze(cached.analysis, text, cached.pending!.change) : service.analyze(text);
		const entry: Entry = { version: document.version, analysis, service };
		if (!document.isClosed) this.#entries.set(key, entry);
		return entry;
	}

	/** Folds an edit into the pending change of a cached document; forgets the entry when a version was missed. */
	#track(event: vscode.TextDocumentChangeEvent): void {
		if (!event.contentChanges.length) return;
		const key = event.document.uri.toString();
		const entry = this.#entries.get(key);
		if (!entry) return;
		const reached = entry.pending?.version ?? entry.version;
		if (reached !== event.document.version - 1) {
			this.#entries.delete(key);
			return;
		}
		const change = envelope(event.contentChanges);
		entry.pending = { version: event.document.version, change: entry.pending ? combineChanges(entry.pending.change, change) : change };
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

/** One change covering every change of an event (their offsets all refer to the text before the event). */
function envelope(changes: readonly vscode.TextDocumentContentChangeEvent[]): TextChange {
	let start = Infinity;
	let oldEnd = -Infinity;
	let growth = 0;
	for (const c of changes) {
		start = Math.min(start, c.rangeOffset);
		oldEnd = Math.max(oldEnd, c.rangeOffset + c.rangeLength);
		growth += c.text.length - c.rangeLength;
	}
	return { start, oldEnd, newEnd: oldEnd + growth };
}
