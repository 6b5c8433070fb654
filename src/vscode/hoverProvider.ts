import * as vscode from 'vscode';
import { AnalysisCache, toRange } from './analysisCache';
import { Commands } from './constants';

/** Hover docs for error codes, vendor codes, status lines, challenges and secrets, from the cached analysis. */
export class TokenErrorHoverProvider implements vscode.HoverProvider {
	constructor(private readonly cache: AnalysisCache) {}

	async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
		// The first hover may wait for the catalog to load; one that cannot load was reported already.
		const result = await this.cache.get(document).catch(() => undefined);
		if (!result || token.isCancellationRequested) return undefined;
		const offset = document.offsetAt(position);
		const info = result.service.hover(result.analysis, offset, span => document.getText(toRange(document, span)));
		if (!info) return undefined;
		const args = encodeURIComponent(JSON.stringify([document.uri.toString(), offset]));
		const md = new vscode.MarkdownString(`${info.markdown}\n\n[$(book) Explain Response](command:${Commands.explainResponse}?${args})`, true);
		// Pasted text is escaped by the core; only our own explain command may run from this hover.
		md.isTrusted = { enabledCommands: [Commands.explainResponse] };
		md.supportHtml = false;
		return new vscode.Hover(md, toRange(document, info.span));
	}
}

/** Registers the hover for every language and scheme, untitled documents and output views included. */
export function registerHover(cache: AnalysisCache): vscode.Disposable {
	return vscode.languages.registerHoverProvider('*', new TokenErrorHoverProvider(cache));
}
