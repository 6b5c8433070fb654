import * as vscode from 'vscode';
import { sanitizeText, type Analysis, type Finding, type Severity } from '../core/engine';
import { AnalysisCache, isTooLarge, toRange } from './analysisCache';
import { affectsUs, readConfig } from './config';
import { DIAGNOSTIC_SOURCE } from './constants';

const DEBOUNCE_MS = 300;
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
	error: vscode.DiagnosticSeverity.Error,
	warning: vscode.DiagnosticSeverity.Warning,
	information: vscode.DiagnosticSeverity.Information,
	hint: vscode.DiagnosticSeverity.Hint,
};

/**
 * Publishes one diagnostic per finding. Per-document debounce; results for a
 * version that is no longer current are dropped; cleared on close; rebuilt
 * when settings or catalogs change. The documents open at activation are
 * validated right after it, never during it.
 */
export class DiagnosticsManager implements vscode.Disposable {
	readonly #collection = vscode.languages.createDiagnosticCollection('token-error-help');
	readonly #pending = new Map<string, ReturnType<typeof setTimeout>>();
	/** Per document, the latest validation asked for: an older one still waiting for the catalog publishes nothing. */
	readonly #latest = new Map<string, number>();
	#requests = 0;
	readonly #subscriptions: vscode.Disposable[] = [this.#collection];
	readonly #initial: ReturnType<typeof setTimeout>;
	#disposed = false;

	constructor(private readonly cache: AnalysisCache, onCatalogChange: vscode.Event<void>) {
		this.#subscriptions.push(
			vscode.workspace.onDidOpenTextDocument(doc => this.schedule(doc, 0)),
			vscode.workspace.onDidChangeTextDocument(e => this.schedule(e.document, DEBOUNCE_MS)),
			vscode.workspace.onDidCloseTextDocument(doc => this.#forget(doc.uri)),
			vscode.workspace.onDidChangeConfiguration(e => { if (affectsUs(e)) this.rebuildAll(); }),
			onCatalogChange(() => this.rebuildAll()),
		);
		this.#initial = setTimeout(() => this.rebuildAll(), 0);
	}

	/** Re-validates every open document. */
	rebuildAll(): void {
		this.#collection.clear();
		for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
	}

	/** Validates the document after `delay` ms unless it changes again first. */
	schedule(document: vscode.TextDocument, delay: number): void {
		const key = document.uri.toString();
		clearTimeout(this.#pending.get(key));
		const request = ++this.#requests;
		this.#latest.set(key, request);
		if (!wantsDiagnostics(document)) {
			this.#collection.delete(document.uri);
			return;
		}
		const version = document.version;
		this.#pending.set(key, setTimeout(() => {
			this.#pending.delete(key);
			if (document.isClosed || document.version !== version) return;
			void this.#publish(document, version, request);
		}, delay));
	}

	async #publish(document: vscode.TextDocument, version: number, request: number): Promise<void> {
		if (isTooLarge(document)) {
			const limit = readConfig(document).maxDocumentSize;
			const skipped = new vscode.Diagnostic(new vscode.Range(0, 0, 0, 0),
				`Token Error Help skipped this document: it is larger than tokenErrorHelp.maxDocumentSize (${limit.toLocaleString('en')} characters).`,
				vscode.DiagnosticSeverity.Information);
			skipped.source = DIAGNOSTIC_SOURCE;
			skipped.code = 'skipped-large-document';
			this.#collection.set(document.uri, [skipped]);
			return;
		}
		// Waits for the catalog on first use; one that cannot load was reported already.
		const result = await this.cache.get(document).catch(() => undefined);
		if (!result || this.#latest.get(document.uri.toString()) !== request || document.version !== version || this.#disposed) return;
		this.#collection.set(document.uri, toDiagnostics(document, result.analysis));
	}

	#forget(uri: vscode.Uri): void {
		clearTimeout(this.#pending.get(uri.toString()));
		this.#pending.delete(uri.toString());
		this.#latest.delete(uri.toString());
		this.#collection.delete(uri);
	}

	dispose(): void {
		this.#disposed = true;
		clearTimeout(this.#initial);
		for (const t of this.#pending.values()) clearTimeout(t);
		vscode.Disposable.from(...this.#subscriptions).dispose();
	}
}

/** Diagnostics in the configured languages and in every untitled document (where pastes land). */
export function wantsDiagnostics(document: vscode.TextDocument): boolean {
	const config = readConfig(document);
	if (!config.diagnosticsEnabled) return false;
	if (document.uri.scheme === 'untitled') return true;
	if (document.uri.scheme !== 'file' && document.uri.scheme !== 'vscode-vfs' && document.uri.scheme !== 'vscode-remote' && document.languageId !== 'http') return false;
	return config.diagnosticsLanguages.includes(document.languageId);
}

/** One diagnostic per finding, with the rule id linking to its spec section or vendor page. */
export function toDiagnostics(document: vscode.TextDocument, analysis: Analysis): vscode.Diagnostic[] {
	const diagnostics: vscode.Diagnostic[] = [];
	for (const message of analysis.messages) {
		for (const finding of message.findings) diagnostics.push(toDiagnostic(document, finding));
	}
	if (analysis.truncated) {
		const last = analysis.messages[analysis.messages.length - 1];
		const d = new vscode.Diagnostic(toRange(document, last ? { start: last.span.end, end: last.span.end } : { start: 0, end: 0 }),
			`Token Error Help analysed the first ${analysis.messages.length} messages only; the rest of this document was not examined.`, vscode.DiagnosticSeverity.Information);
		d.source = DIAGNOSTIC_SOURCE;
		d.code = 'result-limit';
		diagnostics.push(d);
	}
	return diagnostics;
}

function toDiagnostic(document: vscode.TextDocument, finding: Finding): vscode.Diagnostic {
	// Finding messages quote pasted text: no control, bidi or zero-width character reaches the Problems panel.
	const d = new vscode.Diagnostic(toRange(document, finding.span), sanitizeText(finding.message), SEVERITY[finding.severity]);
	d.source = DIAGNOSTIC_SOURCE;
	const url = finding.reference?.url;
	d.code = url && url.startsWith('https://') ? { value: finding.rule, target: vscode.Uri.parse(url) } : finding.rule;
	if (finding.related?.length) {
		d.relatedInformation = finding.related.map(r => new vscode.DiagnosticRelatedInformation(new vscode.Location(document.uri, toRange(document, r.span)), sanitizeText(r.message)));
	}
	return d;
}
