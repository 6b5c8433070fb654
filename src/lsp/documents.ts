import { TextDocuments, type TextDocumentsConfiguration } from 'vscode-languageserver/node';
import { TextDocument, type TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { combineChanges, type Analysis, type TextChange, type TokenErrorService } from '../core';
import type { LspSettings } from './settings';

/** A cached analysis, and the edits made since (one change of its text, in UTF-16 offsets). */
interface Entry {
	version: number;
	analysis: Analysis;
	/** The document version the pending change reaches, and the change from `version` to it. */
	pending?: { version: number; change: TextChange };
}

/**
 * The open documents (incremental sync, via the library's TextDocuments) and one analysis per
 * document version, shared by diagnostics, hover, code actions and commands. Edits are folded into
 * one pending change per document, so that the next analysis re-analyses only what they can
 * affect (the core's `reanalyze`), as the extension's AnalysisCache does.
 */
export class AnalysedDocuments {
	readonly documents: TextDocuments<TextDocument>;
	/** How TextDocuments creates and updates a document on didOpen and didChange: here each change is also recorded. */
	readonly configuration: TextDocumentsConfiguration<TextDocument> = {
		create: (uri, languageId, version, content) => {
			this.#entries.delete(uri);
			return TextDocument.create(uri, languageId, version, content);
		},
		update: (document, changes, version) => {
			const from = document.version;
			const result = applyChanges(document, changes, version);
			this.#track(document.uri, from, version, result.change);
			return result.document;
		},
	};
	readonly #entries = new Map<string, Entry>();

	constructor(private readonly service: TokenErrorService, private readonly settings: () => LspSettings) {
		this.documents = new TextDocuments(this.configuration);
		this.documents.onDidClose(e => this.#entries.delete(e.document.uri));
	}

	get(uri: string): TextDocument | undefined {
		return this.documents.get(uri);
	}

	/** Whether `document` is over the size limit (it is then not analysed). */
	isTooLarge(document: TextDocument): boolean {
		const limit = this.settings().maxDocumentSize;
		return limit > 0 && document.getText().length > limit;
	}

	/** The analysis of the document's current version; undefined when it is over the size limit. */
	analysis(document: TextDocument): Analysis | undefined {
		if (this.isTooLarge(document)) return undefined;
		const entry = this.#entries.get(document.uri);
		if (entry && entry.version === document.version) return entry.analysis;
		const text = document.getText();
		const analysis = entry?.pending && entry.pending.version === document.version
			? this.service.reanalyze(entry.analysis, text, entry.pending.change)
			: this.service.analyze(text);
		this.#entries.set(document.uri, { version: document.version, analysis });
		return analysis;
	}

	/** Folds a change into the document's pending one; forgets the analysis when a version was missed or the whole text was replaced. */
	#track(uri: string, from: number, to: number, change: TextChange | null | undefined): void {
		const entry = this.#entries.get(uri);
		if (!entry) return;
		const reached = entry.pending?.version ?? entry.version;
		if (reached !== from || change === null) {
			this.#entries.delete(uri);
			return;
		}
		const pending = entry.pending && change ? combineChanges(entry.pending.change, change) : entry.pending?.change ?? change;
		if (pending) entry.pending = { version: to, change: pending };
		else entry.version = to;
	}
}

/**
 * Applies LSP content changes one after the other (each refers to the text the previous one left)
 * and returns the changed document with one change of the old text covering them all: undefined
 * when there were none, null when one replaced the whole text.
 */
export function applyChanges(document: TextDocument, changes: readonly TextDocumentContentChangeEvent[], version: number): { document: TextDocument; change: TextChange | null | undefined } {
	let change: TextChange | null | undefined;
	for (const c of changes) {
		if ('range' in c && c.range) {
			const a = document.offsetAt(c.range.start);
			const b = document.offsetAt(c.range.end);
			const start = Math.min(a, b);
			const step: TextChange = { start, oldEnd: Math.max(a, b), newEnd: start + c.text.length };
			if (change !== null) change = change ? combineChanges(change, step) : step;
		} else {
			change = null;
		}
		document = TextDocument.update(document, [c], version);
	}
	if (!changes.length) document = TextDocument.update(document, [], version);
	return { document, change };
}
