/**
 * `explain_token_error`: the core service's analysis and report of a pasted text, as an MCP
 * answer. Everything here is read from the service (analyze, explainMessage, report, redact);
 * this file only selects, redacts and shapes it.
 */
import { lineNumbers, vendorName, worthExplaining, type HttpMessage, type TokenErrorService } from '../core';
import { RangeRedactor } from '../core/secrets/redactRange';
import { cut, multiLine, oneLine, scrubDeep, secretScrubber } from './safeText';
import { MAX_TEXT_LENGTH, type ExplainAnswer, type ExplainMessage } from './schemas';

/** Messages listed in one answer: an assistant needs the first ones, not thousands of repeats. */
export const MAX_LISTED_MESSAGES = 50;
const MAX_EXCERPT = 2_000;
const MAX_REDACTED_INPUT = 100_000;
/** Links are returned only when they are plain https URLs (as the Markdown report renders them). */
export const SAFE_URL = /^https:\/\/[^\s<>()"'`\\]+$/;

/** A tool's answer: Markdown for people and models, structured content for programs; or a clear refusal. */
export type ToolAnswer<T> = { ok: true; markdown: string; structured: T } | { ok: false; error: string };

/** Explains `text` (see the tool description in server.ts). */
export function explainTokenError(service: TokenErrorService, text: string): ToolAnswer<ExplainAnswer> {
	if (text.length > MAX_TEXT_LENGTH) {
		return { ok: false, error: `The text has ${text.length.toLocaleString('en-US')} characters; explain_token_error reads at most ${MAX_TEXT_LENGTH.toLocaleString('en-US')}. Send the part around the error: the failing response or the log lines near it.` };
	}
	const analysis = service.analyze(text);
	const secrets = analysis.messages.flatMap(m => m.secrets);
	const redactor = new RangeRedactor(text, secrets);
	const relevant = worthExplaining(analysis.messages);
	const listed = relevant.slice(0, MAX_LISTED_MESSAGES);
	// The report's own redaction covers the listed messages' secrets; copies of every other secret
	// are replaced by the scrub below, in one pass (a log with a secret on every line has thousands).
	let markdown = service.report(text, { ...analysis, messages: listed }, listed);
	if (relevant.length > listed.length) markdown += `\n\n_${relevant.length - listed.length} more messages are not shown: the first ${listed.length} are._\n`;
	if (analysis.truncated) markdown += '\n\n_The text holds more messages than the analysis limit; later ones were not examined._\n';
	// The whole text through the service's redaction when it is returned whole; of a longer text only
	// the head that is returned, through the same spans and copies (RangeRedactor: equal results,
	// without redacting megabytes that are then cut away).
	const whole = text.length <= MAX_REDACTED_INPUT;
	const redactedInput = whole
		? { text: multiLine(service.redact(text, analysis)), cut: false }
		: { text: multiLine(redactor.range({ start: 0, end: cut(text, MAX_REDACTED_INPUT).text.length })), cut: true };
	const lineOf = lineNumbers(text);
	const structured: ExplainAnswer = {
		messages: listed.map(m => messageJson(service, text, m, redactor, lineOf)),
		messageCount: relevant.length,
		truncated: analysis.truncated,
		secretsFound: new Set(secrets.map(s => `${s.start}:${s.end}`)).size,
		redactedInput: redactedInput.text,
		redactedInputTruncated: redactedInput.cut,
	};
	const scrubber = secretScrubber(text, secrets);
	return { ok: true, markdown: scrubDeep(markdown, scrubber), structured: scrubDeep(structured, scrubber) };
}

function messageJson(service: TokenErrorService, text: string, m: HttpMessage, redactor: RangeRedactor, lineOf: (offset: number) => number): ExplainMessage {
	const e = service.explainMessage(text, m);
	const field = (s: string) => oneLine(redactor.copies(s));
	return {
		kind: m.kind,
		line: lineOf(m.span.start),
		status: m.status,
		vendor: m.vendor,
		vendorName: m.vendor ? vendorName(m.vendor) : null,
		headline: field(e.headline),
		errors: distinct(m.errors.map(x => ({ code: field(x.code), entry: x.entry?.id ?? null, title: x.entry?.title ?? null }))),
		vendorCodes: distinct(m.vendorCodes.map(x => ({ code: field(x.code), entry: x.entry?.id ?? null, title: x.entry?.title ?? null }))),
		findings: m.findings.map(f => ({ rule: f.rule, severity: f.severity, message: field(f.message), line: lineOf(f.span.start) })),
		cause: e.cause ? field(e.cause) : null,
		diagnosis: e.diagnosis ? {
			kind: e.diagnosis.kind,
			confidence: e.diagnosis.confidence,
			evidence: e.diagnosis.evidence.map(field),
			alternatives: e.diagnosis.alternatives.map(a => ({ kind: a.kind, cause: field(a.cause) })),
		} : null,
		steps: e.steps.map(field),
		facts: e.facts.map(f => ({ label: field(f.label), value: field(f.value) })),
		references: e.references.map(r => ({ title: field(r.title), url: r.url && SAFE_URL.test(r.url) ? r.url : null })),
		secrets: [...new Set(m.secrets.map(s => s.kind))],
		excerpt: multiLine(redactor.range({ start: m.span.start, end: m.span.start + cut(text.slice(m.span.start, m.span.end), MAX_EXCERPT).text.length })),
	};
}

/** Codes seen twice in one message (AADSTS70008 in the description and 70008 in error_codes) are listed once. */
function distinct<T extends { code: string; entry: string | null }>(refs: T[]): T[] {
	const seen = new Set<string>();
	return refs.filter(r => {
		const key = `${r.code}\u0000${r.entry ?? ''}`;
		if (seen.has(key)) return false;
		seen.add(key);
		return true;
	});
}
