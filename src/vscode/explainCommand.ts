import * as vscode from 'vscode';
import { escapeMarkdown, redactionMarker, replaceSecretCopies, sanitizeText, type Analysis, type HttpMessage, type TokenErrorService } from '../core/engine';
import { AnalysisCache } from './analysisCache';
import type { CatalogService } from './catalogService';
import { Commands } from './constants';
import { ReportFileSystem } from './reportFileSystem';

/** What the explain commands return (handy for tests and other extensions). */
export interface ExplainResult {
	uri: string;
	markdown: string;
}

/** A report as shown, and as copied: the same report followed by the redacted input. */
export interface ComposedReport {
	markdown: string;
	redacted: string;
}

/** What an analysed text is reported on: its analysis, the service that made it and the messages to explain. */
export interface ReportSubject {
	analysis: Analysis;
	service: TokenErrorService;
	messages: readonly HttpMessage[];
}

/**
 * The report on `text` (every message worth explaining, or `subject.messages`)
 * and its shareable form with the redacted input. Secrets anywhere in the text
 * are redacted wherever they are quoted (a request's token in the response's
 * description). Shared by Explain Response and the language-model tool.
 */
export function composeReport(text: string, subject: ReportSubject, source: string): ComposedReport {
	const { analysis, service, messages } = subject;
	const secrets = analysis.messages.flatMap(m => m.secrets);
	const markdown = `${service.report(text, analysis, messages)}\n---\n_Source: ${escapeMarkdown(source)}_\n`;
	const input = messages.map(m => text.slice(m.span.start, m.span.end)).join('\n\n');
	// The input is shown (and copied) as text: no control, bidi or zero-width character survives.
	const redactedInput = sanitizeText(replaceSecretCopies(service.redact(input), text, secrets, redactionMarker), { keepLineBreaks: true });
	const fence = '`'.repeat(Math.max(3, longestBacktickRun(redactedInput) + 1));
	return { markdown, redacted: `${markdown}\n## Redacted input\n\n${fence}text\n${redactedInput}\n${fence}\n` };
}

/**
 * "Explain Response": the selection, else the message at the cursor, else the
 * whole document; "Explain Response from Clipboard"; "Copy Redacted Report".
 * Reports open as read-only Markdown previews beside the editor, served by a
 * read-only file system ({@link ReportFileSystem}).
 */
export class ExplainCommands implements vscode.Disposable {
	readonly #files = new ReportFileSystem();
	readonly #subscriptions: vscode.Disposable[];
	/** The last report, for Copy Redacted Report. */
	#last: ComposedReport | undefined;

	constructor(private readonly cache: AnalysisCache, private readonly catalogs: CatalogService) {
		this.#subscriptions = [
			this.#files,
			vscode.commands.registerCommand(Commands.explainResponse, (uri?: string, offset?: number) => this.explain(uri, offset)),
			vscode.commands.registerCommand(Commands.explainClipboard, () => this.explainClipboard()),
			vscode.commands.registerCommand(Commands.copyRedactedReport, () => this.copyRedactedReport()),
			vscode.commands.registerCommand(Commands.redactDocument, () => this.redactDocument()),
		];
	}

	async explain(uriArg?: string, offset?: number): Promise<ExplainResult | undefined> {
		const editor = vscode.window.activeTextEditor;
		const document = uriArg ? await vscode.workspace.openTextDocument(vscode.Uri.parse(uriArg)) : editor?.document;
		if (!document) {
			void vscode.window.showInformationMessage('Token Error Help: open a document with a pasted response (or use "Explain Response from Clipboard").');
			return undefined;
		}
		const selection = !uriArg && editor && !editor.selection.isEmpty ? editor.selection : undefined;
		if (selection) return this.#show(document.getText(selection), undefined, `selection in ${baseName(document.uri)}`);
		const at = offset ?? (editor && editor.document === document ? document.offsetAt(editor.selection.active) : undefined);
		const result = await this.#analysisOf(document);
		if (!result) return undefined;
		const { analysis, service } = result;
		const message = at !== undefined ? service.messageAt(analysis, at) : undefined;
		const messages = message ? [message] : analysis.messages;
		return this.#show(document.getText(), { analysis, service, messages }, baseName(document.uri));
	}

	async explainClipboard(): Promise<ExplainResult | undefined> {
		const text = await vscode.env.clipboard.readText();
		if (!text.trim()) {
			void vscode.window.showInformationMessage('Token Error Help: the clipboard is empty. Copy a response, a log line or an error code first.');
			return undefined;
		}
		return this.#show(text, undefined, 'clipboard');
	}

	async copyRedactedReport(): Promise<boolean> {
		const report = this.#last;
		if (!report) {
			void vscode.window.showInformationMessage('Token Error Help: run "Explain Response" first, then copy its report.');
			return false;
		}
		await vscode.env.clipboard.writeText(report.redacted);
		void vscode.window.showInformationMessage('Token Error Help: report copied; secrets are redacted.');
		return true;
	}

	async redactDocument(): Promise<boolean> {
		const editor = vscode.window.activeTextEditor;
		if (!editor) return false;
		const document = editor.document;
		const service = await this.#service();
		if (!service) return false;
		const cached = await this.cache.get(document).catch(() => undefined);
		const text = document.getText(); // the version just analysed: nothing can change it between here and there
		const redacted = cached ? cached.service.redact(text, cached.analysis) : service.redact(text);
		if (redacted === text) {
			void vscode.window.showInformationMessage('Token Error Help: no secrets found in this document.');
			return false;
		}
		const all = new vscode.Range(editor.document.positionAt(0), editor.document.positionAt(text.length));
		return editor.edit(b => b.replace(all, redacted));
	}

	/** The language service, or undefined after telling the user why its catalog cannot be loaded. */
	async #service(): Promise<TokenErrorService | undefined> {
		try {
			return await this.catalogs.service();
		} catch (e) {
			void vscode.window.showErrorMessage((e as Error).message);
			return undefined;
		}
	}

	/** The document's cached analysis, or undefined after telling the user why there is none. */
	async #analysisOf(document: vscode.TextDocument): Promise<{ analysis: Analysis; service: TokenErrorService } | undefined> {
		let result;
		try {
			result = await this.cache.get(document);
		} catch (e) {
			void vscode.window.showErrorMessage((e as Error).message);
			return undefined;
		}
		return result ?? this.#tooLarge();
	}

	async #show(text: string, given: ReportSubject | undefined, source: string): Promise<ExplainResult | undefined> {
		const service = given?.service ?? await this.#service();
		if (!service) return undefined;
		const analysis = given?.analysis ?? service.analyze(text);
		const report = composeReport(text, given ?? { analysis, service, messages: analysis.messages }, source);
		const uri = this.#files.add(report.markdown);
		this.#last = report;
		try {
			await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
		} catch {
			const doc = await vscode.workspace.openTextDocument(uri);
			await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
		}
		return { uri: uri.toString(), markdown: report.markdown };
	}

	#tooLarge(): undefined {
		void vscode.window.showWarningMessage('Token Error Help: this document is larger than tokenErrorHelp.maxDocumentSize; select the part to explain.');
		return undefined;
	}

	dispose(): void {
		this.#last = undefined;
		vscode.Disposable.from(...this.#subscriptions).dispose();
	}
}

function longestBacktickRun(text: string): number {
	let best = 0;
	let run = 0;
	for (let i = 0; i < text.length; i++) {
		run = text.charCodeAt(i) === 96 ? run + 1 : 0;
		if (run > best) best = run;
	}
	return best;
}

/** The last segment of a URI's path, for a report's source line. */
export function baseName(uri: vscode.Uri): string {
	return uri.path.slice(uri.path.lastIndexOf('/') + 1) || uri.toString();
}
