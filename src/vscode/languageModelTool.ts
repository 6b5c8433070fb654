import * as vscode from 'vscode';
import type { AnalysisCache } from './analysisCache';
import type { CatalogService } from './catalogService';
import { readConfig } from './config';
import { LanguageModelTool } from './constants';
import { baseName, composeReport, type ReportSubject } from './explainCommand';

/** The tool's input, as declared by `inputSchema` in package.json. */
export interface ExplainTokenErrorInput {
	/** Pasted text: a token-endpoint response, a WWW-Authenticate challenge, a redirect URL, a log line, an exception. */
	text?: string;
}

/**
 * Registers the `explain_token_error` language-model tool (#tokenError in chat), or
 * returns undefined on a host without `vscode.lm.registerTool`, so that the
 * extension still activates there with everything else.
 */
export function registerLanguageModelTool(cache: AnalysisCache, catalogs: CatalogService): vscode.Disposable | undefined {
	const lm = (vscode as { lm?: Partial<typeof vscode.lm> }).lm;
	if (typeof lm?.registerTool !== 'function' || typeof vscode.LanguageModelToolResult !== 'function') return undefined;
	return lm.registerTool<ExplainTokenErrorInput>(LanguageModelTool.name, new ExplainTokenErrorTool(cache, catalogs));
}

/**
 * Answers with the same redacted Markdown report as Explain Response followed
 * by "Copy Redacted Report"'s redacted input: on `input.text`, else the active
 * editor's selection, else the active document. No secret leaves the analysis.
 */
export class ExplainTokenErrorTool implements vscode.LanguageModelTool<ExplainTokenErrorInput> {
	constructor(private readonly cache: AnalysisCache, private readonly catalogs: CatalogService) {}

	prepareInvocation(): vscode.PreparedToolInvocation {
		// Offline and read-only: nothing to confirm.
		return { invocationMessage: 'Explaining the token error' };
	}

	async invoke(options: vscode.LanguageModelToolInvocationOptions<ExplainTokenErrorInput>, token: vscode.CancellationToken): Promise<vscode.LanguageModelToolResult> {
		const markdown = await this.#report(options.input, token);
		if (token.isCancellationRequested) throw new vscode.CancellationError();
		return new vscode.LanguageModelToolResult([new vscode.LanguageModelTextPart(markdown)]);
	}

	async #report(input: ExplainTokenErrorInput | undefined, token: vscode.CancellationToken): Promise<string> {
		const given = typeof input?.text === 'string' && input.text.trim() ? input.text : undefined;
		if (given !== undefined) return this.#reportOnText(given, 'text given to the tool', token);
		const editor = vscode.window.activeTextEditor;
		if (!editor) return 'Token Error Help: no text was given and no editor is open. Pass the error response, log line or URL as `text`.';
		const document = editor.document;
		if (!editor.selection.isEmpty) return this.#reportOnText(document.getText(editor.selection), `selection in ${baseName(document.uri)}`, token);
		const result = await this.cache.get(document);
		if (!result) return tooLarge();
		const text = document.getText();
		return composeReport(text, { ...result, messages: result.analysis.messages }, baseName(document.uri)).redacted;
	}

	async #reportOnText(text: string, source: string, token: vscode.CancellationToken): Promise<string> {
		const limit = readConfig().maxDocumentSize;
		if (limit > 0 && text.length > limit) return tooLarge();
		const service = await this.catalogs.service();
		if (token.isCancellationRequested) throw new vscode.CancellationError();
		const analysis = service.analyze(text);
		const subject: ReportSubject = { analysis, service, messages: analysis.messages };
		return composeReport(text, subject, source).redacted;
	}
}

function tooLarge(): string {
	return 'Token Error Help: the text is larger than the tokenErrorHelp.maxDocumentSize setting allows; pass only the part to explain.';
}
