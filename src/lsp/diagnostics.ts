import { DiagnosticSeverity, type Connection, type Diagnostic, type Range } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Finding, Severity, Span } from '../core';
import { DEBOUNCE_MS, DIAGNOSTIC_SOURCE, NoticeCodes } from './constants';
import type { AnalysedDocuments } from './documents';
import { scrubberFor, type Scrubber } from './safeText';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
	error: DiagnosticSeverity.Error,
	warning: DiagnosticSeverity.Warning,
	information: DiagnosticSeverity.Information,
	hint: DiagnosticSeverity.Hint,
};

/**
 * Publishes one diagnostic per finding: right after a document opens, and 300 ms after its last
 * change (a newer version cancels the wait, and only the current version is ever published);
 * empty when it closes; a notice instead when the document is over the size limit.
 */
export class DiagnosticsPublisher {
	readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();

	constructor(private readonly connection: Connection, private readonly store: AnalysedDocuments, private readonly maxDocumentSize: () => number) {}

	/** Publishes the document's diagnostics after `delay` ms unless it changes or closes first. */
	schedule(document: TextDocument, delay = DEBOUNCE_MS): void {
		const { uri, version } = document;
		clearTimeout(this.#pending.get(uri));
		this.#pending.set(uri, setTimeout(() => {
			this.#pending.delete(uri);
			const current = this.store.get(uri);
			if (current && current.version === version) this.#publish(current);
		}, delay));
	}

	/** Publishes every open document again (settings changed). */
	republishAll(): void {
		for (const document of this.store.documents.all()) this.schedule(document, 0);
	}

	/** Forgets a closed document and clears its diagnostics. */
	clear(uri: string): void {
		clearTimeout(this.#pending.get(uri));
		this.#pending.delete(uri);
		void this.connection.sendDiagnostics({ uri, diagnostics: [] });
	}

	dispose(): void {
		for (const timer of this.#pending.values()) clearTimeout(timer);
		this.#pending.clear();
	}

	#publish(document: TextDocument): void {
		let diagnostics: Diagnostic[];
		try {
			const analysis = this.store.analysis(document);
			diagnostics = analysis ? toDiagnostics(document, analysis, scrubberFor(document.getText(), analysis)) : [skippedNotice(this.maxDocumentSize())];
		} catch (e) {
			this.connection.console.error(`Token Error Help could not analyse ${document.uri}: ${(e as Error).message}`);
			return;
		}
		void this.connection.sendDiagnostics({ uri: document.uri, version: document.version, diagnostics });
	}
}

/** One diagnostic per finding, the rule id as its code, linking to the spec section or vendor page when that is https. */
export function toDiagnostics(document: TextDocument, analysis: Analysis, safe: Scrubber): Diagnostic[] {
	const diagnostics: Diagnostic[] = [];
	for (const message of analysis.messages) {
		for (const finding of message.findings) diagnostics.push(toDiagnostic(document, finding, safe));
	}
	if (analysis.truncated) {
		const last = analysis.messages[analysis.messages.length - 1];
		const at = last ? last.span.end : 0;
		diagnostics.push({
			range: toRange(document, { start: at, end: at }),
			severity: DiagnosticSeverity.Information,
			source: DIAGNOSTIC_SOURCE,
			code: NoticeCodes.resultLimit,
			message: `Token Error Help analysed the first ${analysis.messages.length} messages only; the rest of this document was not examined.`,
		});
	}
	return diagnostics;
}

function toDiagnostic(document: TextDocument, finding: Finding, safe: Scrubber): Diagnostic {
	const diagnostic: Diagnostic = {
		range: toRange(document, finding.span),
		severity: SEVERITY[finding.severity],
		source: DIAGNOSTIC_SOURCE,
		code: finding.rule,
		message: safe(finding.message),
	};
	const url = finding.reference?.url;
	if (url && url.startsWith('https://')) diagnostic.codeDescription = { href: url };
	if (finding.related?.length) {
		diagnostic.relatedInformation = finding.related.map(r => ({ location: { uri: document.uri, range: toRange(document, r.span) }, message: safe(r.message) }));
	}
	return diagnostic;
}

/** The diagnostic shown instead of findings for a document over the size limit. */
export function skippedNotice(limit: number): Diagnostic {
	return {
		range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
		severity: DiagnosticSeverity.Information,
		source: DIAGNOSTIC_SOURCE,
		code: NoticeCodes.skippedLargeDocument,
		message: `Token Error Help skipped this document: it is larger than maxDocumentSize (${limit.toLocaleString('en')} characters).`,
	};
}

/** A core span (UTF-16 offsets) as an LSP range. */
export function toRange(document: TextDocument, span: Span): Range {
	return { start: document.positionAt(span.start), end: document.positionAt(span.end) };
}
