/**
 * The language-service object: one per catalog set, everything an adapter
 * (the extension, the CLI, the language server, the MCP server) needs, with no
 * hidden defaults. Built like vscode-json-languageservice's
 * `getLanguageService`: dependencies go in, plain functions over plain data come out.
 */
import type { Catalog } from './catalog/catalog';
import { analyze, analyzeWithoutCap, reanalyze, DEFAULT_MAX_MESSAGES, type TextChange } from './recognize/analyze';
import { explainMessage, renderReport, type Explanation } from './explain/explain';
import { hoverAt, type HoverInfo } from './explain/hover';
import { redactSpans, replaceSecretCopies } from './secrets/secrets';
import { redactionMarker } from './secrets/tokenShapes';
import type { Analysis, HttpMessage } from './recognize/model';
import type { Span } from './types';

/** What a service is built from. */
export interface TokenErrorServiceOptions {
	/** The catalog codes are resolved against (bundled data plus any custom files). */
	catalog: Catalog;
	limits?: {
		/** Stop after this many messages per document (the analysis says it was truncated). */
		maxMessages?: number;
	};
}

/** Analysis, hovers, reports and redaction over one catalog. */
export interface TokenErrorService {
	readonly catalog: Catalog;
	/** Finds and explains every request, response, error body, redirect URL and log line in `text`. */
	analyze(text: string): Analysis;
	/** The analysis of `text` after `change`, re-analysing only what the change can affect; equals `analyze(text)`. */
	reanalyze(previous: Analysis, text: string, change: TextChange): Analysis;
	/** The hover at `offset` of an analysed document. */
	hover(analysis: Analysis, offset: number, readSpan?: (span: Span) => string): HoverInfo | undefined;
	/** The explanation of one message (headline, cause, steps, references). */
	explainMessage(text: string, message: HttpMessage): Explanation;
	/** The Markdown report of `messages` (by default every message worth explaining), secrets redacted. */
	report(text: string, analysis: Analysis, messages?: readonly HttpMessage[]): string;
	/** `text` with every detected secret (and any copy of one) replaced by a marker. */
	redact(text: string, analysis?: Analysis): string;
	/** The innermost message whose span holds `offset`. */
	messageAt(analysis: Analysis, offset: number): HttpMessage | undefined;
}

/** Builds a {@link TokenErrorService} over `options.catalog`. */
export function createTokenErrorService(options: TokenErrorServiceOptions): TokenErrorService {
	const { catalog } = options;
	const maxMessages = options.limits?.maxMessages ?? DEFAULT_MAX_MESSAGES;
	const run = (text: string) => analyze(text, { catalog, maxMessages });
	return {
		catalog,
		analyze: run,
		reanalyze: (previous, text, change) => reanalyze(previous, text, change),
		hover: (analysis, offset, readSpan) => hoverAt(analysis, offset, catalog, readSpan),
		explainMessage: (text, message) => explainMessage(text, message, catalog),
		report: (text, analysis, messages = analysis.messages) => renderReport(text, messages, catalog, analysis.messages.flatMap(m => m.secrets)),
		redact: (text, analysis = run(text)) => redactAll(text, analysis),
		messageAt,
	};
}

/** `text` with every secret of the document replaced, also past the message cap of a truncated analysis. */
export function redactAll(text: string, analysis: Analysis): string {
	const complete = analysis.truncated ? analyzeWithoutCap(analysis, text) : analysis;
	const secrets = complete.messages.flatMap(m => m.secrets);
	return replaceSecretCopies(redactSpans(text, secrets, redactionMarker), text, secrets, redactionMarker);
}

/** The message whose span contains `offset` (innermost fragment first), if any. */
export function messageAt(analysis: Analysis, offset: number): HttpMessage | undefined {
	let found: HttpMessage | undefined;
	for (const m of analysis.messages) {
		if (m.span.start <= offset && offset <= m.span.end && (!found || m.span.end - m.span.start < found.span.end - found.span.start)) found = m;
	}
	return found;
}
