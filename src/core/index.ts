/**
 * Token Error Help core: a vscode-free, Node-free engine that recognises
 * OAuth 2.0 / OpenID Connect errors in pasted text and explains them.
 */
import { analyze } from './recognize/analyze';
import { redactSpans } from './secrets/secrets';
import { redactionMarker } from './secrets/tokenShapes';
import type { Analysis, HttpMessage } from './recognize/model';

export { analyze, DEFAULT_MAX_MESSAGES, type AnalyzeOptions } from './recognize/analyze';
export { bundledCatalog, Catalog, matchCause } from './catalog/catalog';
export type { CatalogEntry, CatalogFile, Cause, Fix, Reference } from './catalog/catalogTypes';
export { explainMessage, hasContent, lineOf, renderExplanation, renderReport, vendorName, type Explanation } from './explain/explain';
export { escapeMarkdown } from './explain/markdown';
export type { Analysis, ErrorMention, Finding, FixData, HttpMessage, VendorCodeMention } from './recognize/model';
export { RuleId } from './rules/ruleIds';
export type { SecretKind, SecretSpan, Severity, Span } from './types';

/** Shorter values are too likely to occur by chance to be replaced everywhere. */
const MIN_REPEAT_LENGTH = 8;

/**
 * Replaces every secret the analysis detects in `text` with a marker such as
 * «redacted:access_token», and any other copy of a detected value too (a token
 * quoted again in a log line or a description is just as secret there).
 */
export function redact(text: string, analysis: Analysis = analyze(text)): string {
	const secrets = analysis.messages.flatMap(m => m.secrets);
	let out = redactSpans(text, secrets, redactionMarker);
	const copies = new Map<string, string>();
	for (const s of secrets) {
		const value = text.slice(s.start, s.end);
		if (value.length >= MIN_REPEAT_LENGTH && !copies.has(value)) copies.set(value, redactionMarker(s.kind));
	}
	for (const [value, marker] of [...copies].sort((a, b) => b[0].length - a[0].length)) {
		if (out.includes(value)) out = out.split(value).join(marker);
	}
	return out;
}

/** The message whose span contains `offset` (innermost fragment first), if any. */
export function messageAt(analysis: Analysis, offset: number): HttpMessage | undefined {
	let found: HttpMessage | undefined;
	for (const m of analysis.messages) {
		if (m.span.start <= offset && offset <= m.span.end && (!found || m.span.end - m.span.start < found.span.end - found.span.start)) found = m;
	}
	return found;
}
export { hoverAt, entryMarkdown, type HoverInfo } from './explain/hover';
export { validateCatalog, type CatalogValidation } from './catalog/validate';
export { bundledCatalogFiles } from './catalog/bundled';
