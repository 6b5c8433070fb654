import type { Hover, HoverParams } from 'vscode-languageserver/node';
import type { TokenErrorService } from '../core';
import { toRange } from './diagnostics';
import type { AnalysedDocuments } from './documents';
import { scrubberFor } from './safeText';

/** The core's hover at a position (an error code, vendor code, status line, challenge or secret), as Markdown. */
export function hover(service: TokenErrorService, store: AnalysedDocuments, params: HoverParams): Hover | null {
	const document = store.get(params.textDocument.uri);
	const analysis = document && store.analysis(document);
	if (!document || !analysis) return null;
	const text = document.getText();
	const info = service.hover(analysis, document.offsetAt(params.position), span => text.slice(span.start, span.end));
	if (!info) return null;
	return {
		contents: { kind: 'markdown', value: scrubberFor(text, analysis)(info.markdown) },
		range: toRange(document, info.span),
	};
}
